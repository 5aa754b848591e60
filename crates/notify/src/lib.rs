//! gezi-notify: reminders out of gezi, by e-mail (SMTP) and by webhook (HTTP POST of JSON).
//!
//! Both speak plain TCP to a relay inside the organisation's network (a mail relay on
//! port 25 or 587 without authentication, an internal chat or ticket webhook); TLS and
//! SMTP authentication are not built in, which keeps the release build small. Errors say
//! which step failed and never quote the message.
#![deny(missing_docs)]

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::time::timeout;

/// How long one exchange with a relay may take.
const STEP_TIMEOUT: Duration = Duration::from_secs(15);

/// What went wrong while sending.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// The address is not usable.
    #[error("{0}")]
    Address(String),
    /// The relay could not be reached or dropped the connection.
    #[error("{step}: {source}")]
    Io {
        /// The step (connect, EHLO, DATA …).
        step: &'static str,
        /// The cause.
        source: std::io::Error,
    },
    /// The relay answered with an error.
    #[error("{step}: the server answered {reply}")]
    Refused {
        /// The step.
        step: &'static str,
        /// Its status line (code and text).
        reply: String,
    },
    /// The relay took too long.
    #[error("{0}: no answer within 15 seconds")]
    Timeout(&'static str),
}

type Result<T> = std::result::Result<T, NotifyError>;

async fn step<T>(
    name: &'static str,
    f: impl std::future::Future<Output = std::io::Result<T>>,
) -> Result<T> {
    match timeout(STEP_TIMEOUT, f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(source)) => Err(NotifyError::Io { step: name, source }),
        Err(_) => Err(NotifyError::Timeout(name)),
    }
}

/// Posts `body` as JSON to an `http://host[:port]/path` URL; Ok with the status on 2xx.
pub async fn post_webhook(url: &str, body: &serde_json::Value) -> Result<u16> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| NotifyError::Address("the webhook URL must start with http://".into()))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() || authority.contains('@') {
        return Err(NotifyError::Address(
            "the webhook URL has no usable host".into(),
        ));
    }
    let addr = if authority.contains(':') {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let payload = body.to_string();
    let mut stream = step("connect", TcpStream::connect(addr)).await?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: gezi\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{payload}",
        payload.len()
    );
    step("send", stream.write_all(request.as_bytes())).await?;
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    step("response", reader.read_line(&mut status)).await?;
    let code = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok())
        .ok_or_else(|| NotifyError::Refused {
            step: "response",
            reply: "no HTTP status line".into(),
        })?;
    if (200..300).contains(&code) {
        Ok(code)
    } else {
        Err(NotifyError::Refused {
            step: "response",
            reply: status.trim().to_string(),
        })
    }
}

/// Where mail goes.
#[derive(Debug, Clone)]
pub struct Smtp {
    /// Relay host.
    pub host: String,
    /// Port (25 unless set).
    pub port: u16,
    /// Sender address.
    pub from: String,
}

/// An e-mail.
#[derive(Debug, Clone)]
pub struct Mail {
    /// Recipients.
    pub to: Vec<String>,
    /// Subject (any language: sent as UTF-8).
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

struct Session {
    reader: BufReader<TcpStream>,
}

impl Session {
    /// Reads one reply (all its lines) and checks its code starts with `want`.
    async fn expect(&mut self, name: &'static str, want: char) -> Result<()> {
        loop {
            let mut line = String::new();
            let n = step(name, self.reader.read_line(&mut line)).await?;
            if n == 0 {
                return Err(NotifyError::Refused {
                    step: name,
                    reply: "connection closed".into(),
                });
            }
            if !line.starts_with(want) {
                return Err(NotifyError::Refused {
                    step: name,
                    reply: line.trim().chars().take(120).collect(),
                });
            }
            // "250-…" continues, "250 …" ends the reply.
            if line.as_bytes().get(3) != Some(&b'-') {
                return Ok(());
            }
        }
    }

    async fn send(&mut self, name: &'static str, line: &str, want: char) -> Result<()> {
        step(name, self.reader.get_mut().write_all(line.as_bytes())).await?;
        self.expect(name, want).await
    }
}

fn clean_address(a: &str) -> Result<&str> {
    let a = a.trim();
    if a.contains('@') && !a.contains(['<', '>', '\r', '\n', ' ']) {
        Ok(a)
    } else {
        Err(NotifyError::Address(
            "an e-mail address is not valid".into(),
        ))
    }
}

/// Sends `mail` through the relay.
pub async fn send_mail(smtp: &Smtp, mail: &Mail) -> Result<()> {
    let from = clean_address(&smtp.from)?;
    let to: Vec<&str> = mail
        .to
        .iter()
        .map(|a| clean_address(a))
        .collect::<Result<_>>()?;
    if to.is_empty() {
        return Err(NotifyError::Address("no recipient".into()));
    }
    let stream = step(
        "connect",
        TcpStream::connect((smtp.host.as_str(), smtp.port)),
    )
    .await?;
    let mut s = Session {
        reader: BufReader::new(stream),
    };
    s.expect("greeting", '2').await?;
    s.send("EHLO", "EHLO gezi\r\n", '2').await?;
    s.send("MAIL FROM", &format!("MAIL FROM:<{from}>\r\n"), '2')
        .await?;
    for a in &to {
        s.send("RCPT TO", &format!("RCPT TO:<{a}>\r\n"), '2')
            .await?;
    }
    s.send("DATA", "DATA\r\n", '3').await?;
    let message = format!(
        "From: {from}\r\nTo: {}\r\nSubject: =?UTF-8?B?{}?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n.\r\n",
        to.join(", "),
        base64(mail.subject.as_bytes()),
        wrap(&base64(mail.body.as_bytes()), 76)
    );
    s.send("message", &message, '2').await?;
    // The message is accepted; a failed goodbye changes nothing.
    let _ = s.send("QUIT", "QUIT\r\n", '2').await;
    Ok(())
}

fn wrap(s: &str, width: usize) -> String {
    s.as_bytes()
        .chunks(width)
        .map(|c| std::str::from_utf8(c).expect("base64 is ASCII"))
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// Standard base64 with padding (RFC 4648).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }
}
