//! Sends to real TCP listeners that speak just enough SMTP and HTTP to record what came.

use gezi_notify::{base64, post_webhook, send_mail, Mail, NotifyError, Smtp};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// An SMTP relay that refuses `refuse_rcpt` and returns the commands and message seen.
async fn smtp_relay(refuse_rcpt: bool) -> (u16, tokio::task::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        let (sock, _) = listener.accept().await.unwrap();
        let mut r = BufReader::new(sock);
        r.get_mut().write_all(b"220 relay ready\r\n").await.unwrap();
        let mut seen = Vec::new();
        let mut in_data = false;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).await.unwrap() == 0 {
                break;
            }
            seen.push(line.clone());
            let reply: &[u8] = if in_data {
                if line == ".\r\n" {
                    in_data = false;
                    b"250 queued\r\n"
                } else {
                    continue;
                }
            } else if line.starts_with("EHLO") {
                b"250-relay\r\n250 8BITMIME\r\n"
            } else if line.starts_with("RCPT") && refuse_rcpt {
                b"550 no such user\r\n"
            } else if line.starts_with("DATA") {
                in_data = true;
                b"354 go on\r\n"
            } else if line.starts_with("QUIT") {
                r.get_mut().write_all(b"221 bye\r\n").await.unwrap();
                break;
            } else {
                b"250 ok\r\n"
            };
            r.get_mut().write_all(reply).await.unwrap();
        }
        seen
    });
    (port, task)
}

fn mail() -> Mail {
    Mail {
        to: vec!["dpo@example.gov.tw".into()],
        subject: "gezi 提醒：1 件逾期".into(),
        body: "當事人請求 R2026-00001 已逾期（應於 2026-12-07 前准駁）".into(),
    }
}

#[tokio::test]
async fn mail_goes_through_an_smtp_relay() {
    let (port, relay) = smtp_relay(false).await;
    let smtp = Smtp {
        host: "127.0.0.1".into(),
        port,
        from: "gezi@example.gov.tw".into(),
    };
    send_mail(&smtp, &mail()).await.unwrap();
    let seen = relay.await.unwrap().concat();
    assert!(seen.contains("MAIL FROM:<gezi@example.gov.tw>\r\n"));
    assert!(seen.contains("RCPT TO:<dpo@example.gov.tw>\r\n"));
    assert!(seen.contains(&format!(
        "Subject: =?UTF-8?B?{}?=",
        base64(mail().subject.as_bytes())
    )));
    let body: String = seen
        .split("\r\n\r\n")
        .nth(1)
        .unwrap()
        .split("\r\n.\r\n")
        .next()
        .unwrap()
        .replace("\r\n", "");
    assert_eq!(body, base64(mail().body.as_bytes()));
}

#[tokio::test]
async fn a_refused_recipient_names_the_step() {
    let (port, _relay) = smtp_relay(true).await;
    let smtp = Smtp {
        host: "127.0.0.1".into(),
        port,
        from: "gezi@example.gov.tw".into(),
    };
    let e = send_mail(&smtp, &mail()).await.unwrap_err();
    assert!(
        matches!(
            e,
            NotifyError::Refused {
                step: "RCPT TO",
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("550"), "{e}");
    assert!(
        !e.to_string().contains("R2026"),
        "errors never quote the message"
    );
}

#[tokio::test]
async fn bad_addresses_and_dead_relays_are_errors() {
    let smtp = Smtp {
        host: "127.0.0.1".into(),
        port: 1,
        from: "gezi@example.gov.tw".into(),
    };
    let mut m = mail();
    m.to = vec!["dpo@example.gov.tw>\r\nRCPT TO:<x@evil".into()];
    assert!(matches!(
        send_mail(&smtp, &m).await,
        Err(NotifyError::Address(_))
    ));
    assert!(matches!(
        send_mail(&smtp, &mail()).await,
        Err(NotifyError::Io {
            step: "connect",
            ..
        })
    ));
    assert!(matches!(
        post_webhook("https://example.com/x", &serde_json::json!({})).await,
        Err(NotifyError::Address(_))
    ));
}

async fn http_sink(status: &'static str) -> (u16, tokio::task::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        let (sock, _) = listener.accept().await.unwrap();
        let mut r = BufReader::new(sock);
        let mut head = String::new();
        let mut length = 0;
        loop {
            let mut line = String::new();
            r.read_line(&mut line).await.unwrap();
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            head.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length];
        r.read_exact(&mut body).await.unwrap();
        r.get_mut()
            .write_all(format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n").as_bytes())
            .await
            .unwrap();
        head + &String::from_utf8(body).unwrap()
    });
    (port, task)
}

#[tokio::test]
async fn webhooks_get_json_and_report_failures() {
    let (port, sink) = http_sink("204 No Content").await;
    let body = serde_json::json!({"overdue": 1, "items": [{"reference": "R2026-00001"}]});
    let code = post_webhook(&format!("http://127.0.0.1:{port}/hooks/gezi"), &body)
        .await
        .unwrap();
    assert_eq!(code, 204);
    let seen = sink.await.unwrap();
    assert!(seen.starts_with("POST /hooks/gezi HTTP/1.1\r\n"), "{seen}");
    assert!(seen.ends_with(&body.to_string()));
    let (port, _sink) = http_sink("500 Internal Server Error").await;
    let e = post_webhook(&format!("http://127.0.0.1:{port}/"), &body)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("500"), "{e}");
}
