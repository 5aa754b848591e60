//! Helpers for the CLI tests: a temporary directory that cleans up, and running the
//! real `gezi` binary (as an unprivileged user when the tests run as root, so that
//! file permissions mean something).

#![allow(dead_code)]

pub mod webdriver;

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
