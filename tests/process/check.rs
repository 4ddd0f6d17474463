//! `exobot check` as a process: its exit status and what it prints, on a broken folder and on
//! the shipped knowledge base. Split from `tests/it/knowledge_check.rs` and
//! `tests/it/knowledge_kinds.rs` because these tests spawn the process.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::Scratch;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken")
}

/// A scratch copy of the shipped knowledge folder's TOML files, removed when dropped.
struct Folder(Scratch);

impl Folder {
    fn shipped(name: &str) -> Self {
        let dir = Scratch::created(&format!("check-{name}"));
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
        for entry in std::fs::read_dir(shipped).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
            }
        }
        Self(dir)
    }

    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }

    /// Replaces the first `from` in `file` with `to`.
    fn edit(&self, file: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(file)).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(self.path(file), text.replacen(from, to, 1)).unwrap();
    }
}

#[test]
fn the_check_command_exits_1_on_errors_and_0_on_the_shipped_content() {
    let bin = env!("CARGO_BIN_EXE_exobot");
    let broken = Command::new(bin)
        .args(["check", "--knowledge"])
        .arg(fixtures().join("unknown-source"))
        .output()
        .unwrap();
    assert_eq!(broken.status.code(), Some(1));
    let out = String::from_utf8(broken.stdout).unwrap();
    assert!(
        out.contains("knowledge.toml:17:23: error: unknown source `SRC-TWO`"),
        "{out}"
    );
    let summary = format!(
        "failed: 1 error, 0 warnings in {}",
        fixtures().join("unknown-source").display()
    );
    assert_eq!(out.lines().last(), Some(summary.as_str()));
    let shipped = Command::new(bin)
        .args(["check", "--knowledge"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"))
        .output()
        .unwrap();
    assert_eq!(shipped.status.code(), Some(0));
    let out = String::from_utf8(shipped.stdout).unwrap();
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("ok: 25 topics (25 published), "),
        "{out}"
    );
}

#[test]
fn exobot_check_prints_the_typo_first_and_counts_one_error() {
    let dir = Folder::shipped("cli");
    dir.edit(
        "sources.toml",
        "url_confirmed = true",
        "url_confirmed = yes",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_exobot"))
        .args(["check", "--knowledge"])
        .arg(&dir.0)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = String::from_utf8(out.stdout).unwrap();
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "{}:15:17: error: ",
            dir.path("sources.toml").display()
        )),
        "{out}"
    );
    assert!(
        out.lines().last().unwrap().starts_with("failed: 1 error, "),
        "{out}"
    );
}
