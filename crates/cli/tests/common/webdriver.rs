//! A small W3C WebDriver client over HTTP, enough to drive headless Chromium through
//! chromedriver: open pages, find elements by CSS, type, click, read text.

#![allow(dead_code)]

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    http: reqwest::Client,
    _profile: super::TempDir,
}

pub struct Element<'a> {
    browser: &'a Browser,
    id: String,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session.
    pub async fn start() -> Browser {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian package chromium-driver; .ci/run installs it)");
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::Client::new();
        for _ in 0..100 {
            if let Ok(r) = http.get(format!("{base}/status")).send().await {
                if r.json::<Value>()
                    .await
                    .map(|v| v["value"]["ready"] == true)
                    .unwrap_or(false)
                {
                    break;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = super::TempDir::new("chromium");
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--window-size=1280,1600", "--lang=en-US",
                         format!("--user-data-dir={}", profile.path().display())]
            }
        }}});
        let v: Value = http
            .post(format!("{base}/session"))
            .json(&caps)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {v}"))
            .to_string();
        Browser {
            driver,
            base,
            session,
            http,
            _profile: profile,
        }
    }

    async fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let req = match method {
            "GET" => self.http.get(url),
            "DELETE" => self.http.delete(url),
            _ => self.http.post(url).json(&body.unwrap_or(json!({}))),
        };
        let v: Value = req.send().await.unwrap().json().await.unwrap();
        if v["value"].get("error").is_some() {
            panic!("WebDriver {method} {path}: {}", v["value"]);
        }
        v["value"].clone()
    }

    pub async fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({"url": url}))).await;
    }

    pub async fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .await
            .as_str()
            .unwrap()
            .to_string()
    }

    pub async fn source(&self) -> String {
        self.cmd("GET", "/source", None)
            .await
            .as_str()
            .unwrap()
            .to_string()
    }

    /// The element for a CSS selector, waiting up to 5 s for it to appear.
    pub async fn find(&self, css: &str) -> Element<'_> {
        for _ in 0..50 {
            let url = format!("{}/session/{}/element", self.base, self.session);
            let v: Value = self
                .http
                .post(url)
                .json(&json!({"using": "css selector", "value": css}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if let Some(id) = v["value"][ELEMENT].as_str() {
                return Element {
                    browser: self,
                    id: id.to_string(),
                };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "no element {css} on {}\n{}",
            self.url().await,
            self.source().await
        );
    }

    async fn root(&self) -> String {
        let url = format!("{}/session/{}/element", self.base, self.session);
        let v: Value = self
            .http
            .post(url)
            .json(&json!({"using": "css selector", "value": "html"}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        v["value"][ELEMENT].as_str().unwrap_or_default().to_string()
    }

    /// Clicks the element for a CSS selector and waits until a new page has loaded (a
    /// form post or a link), so that what is read next is the new page.
    pub async fn click_through(&self, css: &str) {
        let before = self.root().await;
        self.find(css).await.click().await;
        for _ in 0..100 {
            let now = self.root().await;
            if !now.is_empty() && now != before {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "clicking {css} did not load a page; still on {}",
            self.url().await
        );
    }

    /// Sets an input's value by script: for the date-time pickers, whose key entry
    /// depends on the browser's locale.
    pub async fn set_value(&self, css: &str, value: &str) {
        self.find(css).await;
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": "document.querySelector(arguments[0]).value = arguments[1];", "args": [css, value]})),
        )
        .await;
    }

    /// The visible text of the element for a CSS selector.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await
    }

    pub async fn quit(mut self) {
        let _ = self.cmd("DELETE", "", None).await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Element<'_> {
    pub async fn click(&self) {
        self.browser
            .cmd("POST", &format!("/element/{}/click", self.id), None)
            .await;
    }

    pub async fn type_text(&self, text: &str) {
        self.browser
            .cmd(
                "POST",
                &format!("/element/{}/value", self.id),
                Some(json!({"text": text})),
            )
            .await;
    }

    pub async fn clear(&self) {
        self.browser
            .cmd("POST", &format!("/element/{}/clear", self.id), None)
            .await;
    }

    pub async fn text(&self) -> String {
        self.browser
            .cmd("GET", &format!("/element/{}/text", self.id), None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}
