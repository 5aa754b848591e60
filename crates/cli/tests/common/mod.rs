//! Helpers for the CLI tests: a temporary directory that cleans up, and running the
//! real `gezi` binary (as an unprivileged user when the tests run as root, so that
//! file permissions mean something).

#![allow(dead_code)]

pub mod webdriver;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "gezi-test-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        set_mode(&dir, 0o755);
        TempDir(dir)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
            set_mode(parent, 0o755);
        }
        std::fs::write(&p, bytes).unwrap();
        set_mode(&p, 0o644);
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

pub fn is_root() -> bool {
    // SAFETY: getuid has no preconditions.
    unsafe { libc::getuid() == 0 }
}

pub fn gezi() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gezi"))
}

/// `gezi` as the user `nobody` when we are root (root reads files with mode 000).
/// The binary is copied into `dir` so that `nobody` can execute it wherever the
/// build tree lives.
pub fn gezi_unprivileged(dir: &TempDir) -> Command {
    if !is_root() {
        return gezi();
    }
    let bin = dir.path().join("gezi-bin");
    if !bin.exists() {
        std::fs::copy(env!("CARGO_BIN_EXE_gezi"), &bin).unwrap();
        set_mode(&bin, 0o755);
    }
    let mut c = Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(bin);
    c
}

/// Runs a command, returning its output and the peak resident memory of the child in KiB.
pub fn run_measured(mut cmd: Command) -> (Output, i64) {
    cmd.stdin(Stdio::null());
    let out = cmd.output().expect("run gezi");
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: usage is a valid, writable rusage.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    (out, usage.ru_maxrss)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A running `gezi serve`, stopped when dropped.
pub struct ServerProcess(std::process::Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `gezi serve` and returns it with its address and the one-time password it printed.
pub fn serve(db: &str) -> (ServerProcess, String, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gezi"))
        .args([
            "serve",
            "--database",
            db,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut password = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let t = line.trim();
        if t.len() == 16 && t.chars().all(|c| c.is_ascii_alphanumeric()) {
            password = t.to_string();
        }
        if line.contains("not shown again") {
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    assert_eq!(
        password.len(),
        16,
        "gezi serve printed a one-time password on first start"
    );
    (
        ServerProcess(child),
        format!("http://127.0.0.1:{port}"),
        password,
    )
}

/// Logs in for the first time with the one-time password and sets the officer's own.
pub async fn first_login(b: &webdriver::Browser, base: &str, one_time: &str) {
    b.goto(&format!("{base}/login")).await;
    b.find("#username").await.type_text("admin").await;
    b.find("#password").await.type_text(one_time).await;
    b.click_through("#submit").await;
    b.find("#current").await.type_text(one_time).await;
    b.find("#new_password")
        .await
        .type_text("a-long-passphrase-for-dpo")
        .await;
    b.click_through("#change_password").await;
}
