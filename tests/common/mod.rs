//! What several test binaries share: the reference server as a separate process
//! (`oauthspec serve --port 0`), and a committed target file pointed at it.
#![allow(dead_code)] // each test binary uses its own part of this module

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};

/// The port the committed target files name for a server started by hand.
const COMMITTED_BASE: &str = "http://127.0.0.1:18080";

/// A running `oauthspec serve` and its stdout, kept open so that its later lines do not hit a
/// closed pipe; dropping it kills the process.
pub struct Server {
    child: Child,
    _stdout: BufReader<ChildStdout>,
    /// The base URL it printed on its first line.
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// `oauthspec serve --port 0 --config targets/reference-server.toml` with `extra` arguments
    /// (e.g. `["--variation", "js-login"]`); waits for the first line and reads the base URL.
    pub fn start(extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_oauthspec"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .arg("--config")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/targets/reference-server.toml"
            ))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn oauthspec serve");
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        reader.read_line(&mut line).expect("first line");
        let base = line.trim().rsplit(' ').next().unwrap_or("").to_string();
        let server = Server {
            child,
            _stdout: reader,
            base,
        };
        assert!(
            server.base.starts_with("http://127.0.0.1:"),
            "unexpected first line {line:?}"
        );
        server
    }

    /// The committed target file `name` (under `targets/`), cut at `cut` if given, pointed at
    /// this server and written to `dir/target.toml`.
    pub fn target(&self, name: &str, cut: Option<&str>, dir: &Path) -> PathBuf {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("targets")
            .join(name);
        let text = std::fs::read_to_string(&path).expect("a committed target file");
        let text = match cut {
            Some(at) => &text[..text.find(at).expect("the cut is in the file")],
            None => &text[..],
        };
        std::fs::create_dir_all(dir).unwrap();
        let target = dir.join("target.toml");
        std::fs::write(&target, text.replace(COMMITTED_BASE, &self.base)).unwrap();
        target
    }
}

/// A scratch directory of this test process.
pub fn scratch(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!("oauthspec-{tag}-{}", std::process::id()))
}
