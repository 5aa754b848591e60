//! The legal clocks end to end in headless Chromium over `gezi serve` on a fresh SQLite
//! file: a data subject's request from the public form to the reply letter within its
//! deadline; a late one overdue on the dashboard with a reminder sent to a webhook; an
//! incident from opening to the notice to the people affected, with its 4-hour clocks
//! shown and a late step flagged.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::mpsc;
use std::time::Duration;

use common::webdriver::Browser;
use common::{first_login, serve, TempDir};

/// A webhook receiver: answers 204 and hands over each body it gets.
fn webhook_sink() -> (u16, mpsc::Receiver<String>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut sock) = conn else { continue };
            let mut reader = BufReader::new(sock.try_clone().unwrap());
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let _ = sock.write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
            let _ = tx.send(String::from_utf8_lossy(&body).into_owned());
        }
    });
    (port, rx)
}

/// Today in Taipei, as an en-US date field takes keys (month, day, year) and as text.
fn taipei_today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_and_incidents_keep_their_clocks() {
    let dir = TempDir::new("clocks");
    let db = format!("sqlite://{}", dir.path().join("gezi.db").display());
    let (server, base, one_time) = serve(&db);
    let (hook_port, hooks) = webhook_sink();
    let b = Browser::start().await;
    first_login(&b, &base, &one_time).await;

    // The organisation, its contact window and where reminders go.
    b.goto(&format!("{base}/settings")).await;
    b.find("#org_name")
        .await
        .type_text("臺北市政府政風處")
        .await;
    b.find("#dpo_contact")
        .await
        .type_text("個資窗口 02-2720-8889")
        .await;
    b.find("#reminder_webhook")
        .await
        .type_text(&format!("http://127.0.0.1:{hook_port}/gezi"))
        .await;
    b.click_through("#save_settings").await;
    b.goto(&format!("{base}/units")).await;
    b.find("#unit_name").await.type_text("人事室").await;
    b.click_through("#create_unit").await;

    // A data subject finds the form from the public list and asks for a copy.
    b.goto(&format!("{base}/public/data-files")).await;
    b.click_through("#request-link").await;
    b.find("#kind option[value='copy']").await.click().await;
    b.find("#requester_name").await.type_text("王小明").await;
    b.find("#requester_contact")
        .await
        .type_text("wang@example.com")
        .await;
    b.find("#details")
        .await
        .type_text("請提供本人之考核紀錄複本")
        .await;
    b.click_through("#submit-request").await;
    let reference = b.text("#public-reference").await;
    assert!(reference.starts_with('R'), "{reference}");
    assert!(
        b.text("#received").await.contains("作成決定"),
        "the requester sees the due date"
    );

    // Staff handle it: identity, assignment, a partial refusal with its legal ground.
    b.goto(&format!("{base}/requests")).await;
    b.click_through("#requests a[href='/requests/1']").await;
    assert_eq!(b.text("#reference").await, reference);
    assert!(b.text("#identity").await.contains("尚未確認身分"));
    b.find("#identity_method")
        .await
        .type_text("身分證正本核對")
        .await;
    b.click_through("#verify").await;
    assert!(b.text("#identity").await.contains("身分證正本核對"));
    b.find("#assign_unit option[value='1']").await.click().await;
    b.click_through("#assign").await;
    // One extension, with its reason written to the requester.
    b.find("#extend_reason")
        .await
        .type_text("資料分散於三個單位，需調閱")
        .await;
    b.click_through("#extend").await;
    assert!(b.text("#extension").await.contains("資料分散於三個單位"));
    assert!(
        !b.source().await.contains("id=\"extend\""),
        "only one extension"
    );
    b.click_through("#extension-letter").await;
    let notice = b.text("#letter").await;
    assert!(
        notice.contains("延長處理期間至") && notice.contains("資料分散於三個單位"),
        "{notice}"
    );
    b.goto(&format!("{base}/requests/1")).await;
    b.find("#decision_select option[value='partly']")
        .await
        .click()
        .await;
    b.find("#ground option[value='tw_art10_3']")
        .await
        .click()
        .await;
    b.find("#decision_reason")
        .await
        .type_text("考核紀錄中涉及其他受考人之評語，依法不予提供")
        .await;
    b.click_through("#decide").await;
    assert!(b.text("#decision").await.contains("部分准予"));
    let due = b.text("#due").await;
    assert!(
        due.as_str() >= taipei_today().to_string().as_str(),
        "decided within the deadline {due}"
    );
    assert!(!b.source().await.contains("id=\"overdue-flag\""));

    // The reply letter, in plain Chinese, with the ground and how to appeal.
    b.click_through("#letter").await;
    let letter = b.text("#letter").await;
    for expected in [
        "臺北市政府政風處 函",
        "受文者：王小明",
        &reference,
        "個人資料保護法第10條但書第3款",
        "考核紀錄中涉及其他受考人之評語",
        "訴願",
        "個資窗口 02-2720-8889",
    ] {
        assert!(
            letter.contains(expected),
            "letter lacks {expected}:\n{letter}"
        );
    }
    b.goto(&format!("{base}/requests/1")).await;
    b.click_through("#reply-sent").await;
    assert!(b.text("#status").await.contains("已函復結案"));

    // A request entered late: received Sunday 1 November, due Monday the 16th (Art. 13,
    // Civil Code Art. 120). It shows as overdue on the dashboard and a reminder goes out.
    b.goto(&format!("{base}/requests/new")).await;
    b.find("#kind option[value='access']").await.click().await;
    b.find("#channel option[value='paper']").await.click().await;
    b.set_value("#received_on", "2026-11-01").await;
    b.find("#requester_name").await.type_text("陳美麗").await;
    b.find("#requester_contact")
        .await
        .type_text("臺北市信義區市府路1號")
        .await;
    b.find("#details").await.type_text("查詢本人資料").await;
    b.find("#unit_id option[value='1']").await.click().await;
    b.click_through("#create-request").await;
    let late = b.text("#reference").await;
    assert_eq!(b.text("#due").await, "2026-11-16");
    assert!(b.text("#overdue-flag").await.contains("已逾期"));
    b.goto(&format!("{base}/")).await;
    assert!(b.text("#due-overdue").await.parse::<u32>().unwrap() >= 1);
    let due_table = b.text("#due").await;
    assert!(
        due_table.contains(&late) && due_table.contains("已逾期"),
        "{due_table}"
    );
    assert!(b.text("#due-units").await.contains("人事室"));
    b.goto(&format!("{base}/settings")).await;
    b.click_through("#send-reminders").await;
    let hook = hooks
        .recv_timeout(Duration::from_secs(10))
        .expect("a reminder reached the webhook");
    assert!(
        hook.contains(&late) && hook.contains("\"bucket\":\"overdue\""),
        "{hook}"
    );
    assert!(
        !hook.contains("陳美麗"),
        "no requester's name in a reminder"
    );
    assert!(b.text("#reminder-log").await.contains("sent"));
    // Once a day: a second run sends nothing new.
    b.click_through("#send-reminders").await;
    assert!(hooks.recv_timeout(Duration::from_secs(2)).is_err());

    // An incident known five hours ago: both 4-hour clocks have run out.
    b.goto(&format!("{base}/incidents")).await;
    b.find("#title")
        .await
        .type_text("承辦人誤寄含個資之名冊")
        .await;
    let known = (chrono::Utc::now() + chrono::Duration::hours(8) - chrono::Duration::hours(5))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    b.set_value("#known_at", &known).await;
    b.find("#unit_id option[value='1']").await.click().await;
    b.click_through("#open-incident").await;
    assert!(b.text("#clock-measures").await.contains("已逾時"));
    assert!(b.text("#clock-report").await.contains("已逾時"));
    assert!(
        b.text("#clock-authority").await.contains("進行中"),
        "72 hours still running"
    );
    // One measure done within the 4 hours, one now (late).
    let within = (chrono::Utc::now() + chrono::Duration::hours(8) - chrono::Duration::hours(4))
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    b.set_value("#measure-m01 input[name='done_at']", &within)
        .await;
    b.find("#measure-m01 input[name='note']")
        .await
        .type_text("收回郵件並請收件人刪除")
        .await;
    b.click_through("#record-m01").await;
    b.find("#measure-m07 input[name='note']")
        .await
        .type_text("已記錄事件經過")
        .await;
    b.click_through("#record-m07").await;
    assert!(!b.text("#measure-m01").await.contains("逾時"));
    assert!(
        b.text("#measure-m07").await.contains("逾時"),
        "a late step is flagged"
    );
    // The report to the contact window, with the six items of point 45: late.
    for (id, text) in [
        ("#reporter", "人事室 陳專員"),
        ("#manner", "電子郵件誤寄"),
        ("#occurred_at", "今日上午"),
        ("#place", "本處人事室"),
        ("#scope", "姓名、電話，約40筆"),
        ("#containment", "已請收件人刪除並回覆確認"),
    ] {
        b.find(id).await.type_text(text).await;
    }
    b.click_through("#report-button").await;
    assert!(b.text("#clock-report").await.contains("逾時完成"));
    // The notice to the people affected: drafted with the four items, then sent.
    for (id, text) in [
        ("#facts", "本處於今日誤寄名冊，已請收件人刪除"),
        ("#advice", "請留意可疑來電"),
        ("#helpdesk", "02-2720-8889"),
        ("#remedy", "如有損失，本處負擔相關費用"),
    ] {
        b.find(id).await.type_text(text).await;
    }
    b.click_through("#draft-notice").await;
    b.find("#notice_channel option[value='sms']")
        .await
        .click()
        .await;
    b.find("#notice_count").await.type_text("40").await;
    b.click_through("#send-notice").await;
    assert!(b.text("#notice-sent").await.contains("40"));
    // The dashboard lists the incident's open clocks as overdue.
    b.goto(&format!("{base}/")).await;
    assert!(b.text("#due").await.contains("應變措施"));
    b.quit().await;

    // The public form takes ten requests an hour from one address; the eleventh waits.
    let http = reqwest::Client::new();
    let form = [
        ("kind", "access"),
        ("requester_name", "測試"),
        ("requester_contact", "t@example.com"),
        ("details", "查詢"),
        ("received_on", "2026-12-01"),
    ];
    let mut codes = Vec::new();
    for _ in 0..10 {
        let r = http
            .post(format!("{base}/public/requests/new"))
            .form(&form)
            .send()
            .await
            .unwrap();
        codes.push(r.status().as_u16());
    }
    assert_eq!(codes.iter().filter(|c| **c == 201).count(), 9, "{codes:?}");
    assert_eq!(codes.last(), Some(&429), "{codes:?}");
    drop(server);
}
