//! The register end to end, as a privacy officer uses it: `gezi scan` a share, start
//! `gezi serve` on a fresh SQLite file, and in headless Chromium log in with the
//! one-time password, choose a password, create a unit, upload the scan report,
//! confirm the proposed data file, assess its risk, publish it and read it on the
//! public page. Then `gezi audit verify` passes, and fails once an entry is edited.

mod common;

use std::process::Command;

use common::webdriver::Browser;
use common::{gezi, serve, TempDir};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_goes_from_scan_to_public_list() {
    let dir = TempDir::new("register");
    dir.write(
        "share/hr/staff.csv",
        "姓名,身分證字號,手機\n王小明,A123456789,0912-345-678\n陳美玲,B223456781,0922-111-222\n",
    );
    dir.write(
        "share/hr/notes.txt",
        "聯絡人：林志明先生，電話 02-2345-6789。\n",
    );
    let report = dir.path().join("report.json");
    let out = gezi()
        .args([
            "scan",
            dir.path().join("share").to_str().unwrap(),
            "--format",
            "json",
            "-o",
            report.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "personal data found: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let db = format!("sqlite://{}", dir.path().join("gezi.db").display());
    let (server, base, one_time) = serve(&db);
    let b = Browser::start().await;

    // First login with the one-time password: gezi insists on a new one.
    b.goto(&format!("{base}/login")).await;
    b.find("#username").await.type_text("admin").await;
    b.find("#password").await.type_text(&one_time).await;
    b.click_through("#submit").await;
    assert!(b.url().await.ends_with("/account"));
    assert!(b.text("#must-change").await.contains("一次性密碼"));
    b.find("#current").await.type_text(&one_time).await;
    b.find("#new_password")
        .await
        .type_text("a-long-passphrase-for-dpo")
        .await;
    b.click_through("#change_password").await;
    assert_eq!(b.text("#total-files").await, "0");

    // A unit, then the scan report.
    b.goto(&format!("{base}/units")).await;
    b.find("#unit_name").await.type_text("人事室").await;
    b.click_through("#create_unit").await;
    assert!(b.source().await.contains("value=\"人事室\""));
    b.goto(&format!("{base}/imports")).await;
    b.find("#report")
        .await
        .type_text(report.to_str().unwrap())
        .await;
    b.click_through("#import").await;
    assert_eq!(b.text("li.created a").await, "hr");
    b.click_through("li.created a").await;

    // The proposal is pre-filled from the scan; the officer completes and confirms it.
    assert!(b.text("#status").await.contains("待確認"));
    let items = b.source().await;
    assert!(
        items.contains("國民身分證統一編號") && items.contains("電話號碼"),
        "items pre-filled"
    );
    b.find("#unit option[value='1']").await.click().await;
    b.find("#purposes input[value='002']").await.click().await;
    b.find("#legal_basis")
        .await
        .type_text("個人資料保護法第15條；公務人員任用法")
        .await;
    b.find("#retention").await.type_text("離職後5年").await;
    b.click_through("#save").await;
    b.click_through("#confirm").await;
    assert!(b.text("#status").await.contains("已確認"));
    assert!(
        b.text("#publication").await.contains("應於此日前公告"),
        "the one-month clock runs"
    );

    // Risk: identifiability, volume and sensitivity come suggested; the officer gives the rest.
    b.click_through("a[href='/files/1/risk']").await;
    assert_eq!(
        b.find("#score_identifiability option[selected]")
            .await
            .text()
            .await,
        "3"
    );
    for f in [
        "process_environment",
        "access_location",
        "lawfulness",
        "awareness",
    ] {
        b.find(&format!("#reason_{f}"))
            .await
            .type_text("已檢視作業流程與存取權限")
            .await;
    }
    b.click_through("#assess").await;
    let level = b.text("#level").await;
    assert!(
        ["低", "中", "高"].contains(&level.as_str()),
        "level shown: {level}"
    );
    b.find("#control_description")
        .await
        .type_text("身分證欄位加密")
        .await;
    b.find("#control_owner").await.type_text("資訊室").await;
    // A date field takes keys in the browser locale's order (en-US: month, day, year).
    b.find("#control_due").await.type_text("12312026").await;
    b.click_through("#add_control").await;
    assert!(b.text("#controls").await.contains("身分證欄位加密"));
    b.goto(&format!("{base}/risk")).await;
    assert!(
        b.text("#matrix").await.contains("hr"),
        "the file is on the matrix"
    );

    // Publish, then read it as the public does.
    b.goto(&format!("{base}/files/1")).await;
    b.click_through("#publish").await;
    assert!(b.text("#publication").await.contains("已公告最新版本"));
    b.goto(&format!("{base}/public/data-files")).await;
    let public = b.text("#public-files").await;
    assert!(
        public.contains("hr") && public.contains("人事室") && public.contains("002 人事管理"),
        "{public}"
    );
    assert!(
        !public.contains("A123456789"),
        "no personal value on the public page"
    );
    b.click_through("#public-files a").await;
    assert!(b.text("#notice-title").await.contains("告知事項"));
    // English is one click away.
    b.click_through("a[href='/lang/en']").await;
    assert!(b.text("#notice-title").await.contains("Privacy notice"));
    b.goto(&format!("{base}/")).await;
    b.find("#level-chart").await;
    b.quit().await;
    drop(server);

    // The audit trail is intact, and an edited entry is found.
    let verify = gezi()
        .args(["audit", "verify", "--database", &db])
        .output()
        .unwrap();
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    let db_path = dir.path().join("gezi.db");
    let edit = Command::new("python3")
        .args(["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE audit_log SET actor='someone-else' WHERE seq=5\"); c.commit()", db_path.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(edit.success());
    let verify = gezi()
        .args(["audit", "verify", "--database", &db])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&verify.stdout);
    assert_eq!(verify.status.code(), Some(1), "{said}");
    assert!(said.contains("entry 5: altered"), "{said}");
}
