//! Reminders by e-mail through a real TCP relay: the data-protection contact gets every
//! overdue item, a unit's contact the unit's, each at most once a day.

mod support;

use std::collections::BTreeMap;

use gezi_server::reminders::send_due;
use gezi_store::requests::NewRequest;
use gezi_store::units::UnitInput;
use gezi_store::Actor;
use support::TestDb;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A relay that accepts every mail and hands over each message's envelope and text.
async fn relay() -> (u16, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let mut r = BufReader::new(sock);
                r.get_mut().write_all(b"220 ready\r\n").await.unwrap();
                let (mut seen, mut data) = (String::new(), false);
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                        break;
                    }
                    seen.push_str(&line);
                    let reply: &[u8] = match (data, line.as_str()) {
                        (true, ".\r\n") => {
                            data = false;
                            b"250 queued\r\n"
                        }
                        (true, _) => continue,
                        (false, l) if l.starts_with("DATA") => {
                            data = true;
                            b"354 go on\r\n"
                        }
                        (false, l) if l.starts_with("QUIT") => {
                            let _ = tx.send(seen.clone());
                            b"221 bye\r\n"
                        }
                        _ => b"250 ok\r\n",
                    };
                    r.get_mut().write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, rx)
}

/// The text of a captured message (base64 between the blank line and the final dot).
fn decode_body(mail: &str) -> String {
    let b64: String = mail
        .split("\r\n\r\n")
        .nth(1)
        .unwrap()
        .split("\r\n.\r\n")
        .next()
        .unwrap()
        .replace("\r\n", "");
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let mut bytes = Vec::new();
    for chunk in b64.as_bytes().chunks(4) {
        let n = chunk
            .iter()
            .take_while(|&&c| c != b'=')
            .fold((0u32, 0u32), |(acc, k), &c| {
                ((acc << 6) | u32::from(value(c)), k + 1)
            });
        let (bits, count) = (n.0 << (6 * (4 - n.1)), n.1);
        for i in 0..count.saturating_sub(1) {
            bytes.push((bits >> (16 - 8 * i)) as u8);
        }
    }
    String::from_utf8(bytes).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_items_are_mailed_once_a_day() {
    let db = TestDb::sqlite().await;
    let store = &db.store;
    let sys = Actor::system();
    let (port, mut mails) = relay().await;
    let settings: BTreeMap<String, String> = [
        ("smtp_host", "127.0.0.1".to_string()),
        ("smtp_port", port.to_string()),
        ("smtp_from", "gezi@example.gov.tw".into()),
        ("reminder_email", "dpo@example.gov.tw".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    store.set_settings(&sys, &settings).await.unwrap();
    let unit = store
        .create_unit(
            &sys,
            &UnitInput {
                name: "人事室".into(),
                contact_email: "hr@example.gov.tw".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let late = store
        .create_request(
            &sys,
            &NewRequest {
                kind: "access".into(),
                channel: "paper".into(),
                requester_name: "陳美麗".into(),
                requester_contact: "chen@example.com".into(),
                details: "查詢".into(),
                received_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                unit_id: Some(unit.id),
            },
        )
        .await
        .unwrap();
    let run = send_due(store).await.unwrap();
    assert_eq!((run.due, run.mails_sent), (1, 2), "{run:?}");
    let mut got = vec![mails.recv().await.unwrap(), mails.recv().await.unwrap()];
    got.sort();
    assert!(
        got[0].contains("RCPT TO:<dpo@example.gov.tw>")
            || got[1].contains("RCPT TO:<dpo@example.gov.tw>")
    );
    assert!(got
        .iter()
        .any(|m| m.contains("RCPT TO:<hr@example.gov.tw>")));
    for mail in &got {
        let body = decode_body(mail);
        assert!(
            body.contains(&late.reference) && body.contains("已逾期"),
            "{body}"
        );
        assert!(
            !body.contains("陳美麗") && !mail.contains("陳美麗"),
            "no requester's name in a reminder"
        );
    }
    // A second run the same day sends nothing; the audit trail has every send.
    let again = send_due(store).await.unwrap();
    assert_eq!(again.mails_sent, 0);
    let sent = store.reminders(10).await.unwrap();
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().all(|r| r.3 == "sent"));
    assert!(store.verify_audit().await.unwrap().intact());
    db.finish().await;
}
