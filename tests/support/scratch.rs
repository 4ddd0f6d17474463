//! Scratch folders in the system temp folder that are removed when dropped, also when the test
//! that made them fails (a panic unwinds through the drop).

use std::ffi::OsStr;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder `exobot-<name>-<pid>-<n>` under the temp folder, not yet created; removed with
/// everything in it on drop.
#[derive(Debug)]
pub struct Scratch {
    /// Where the folder is.
    pub path: PathBuf,
}

impl Scratch {
    /// A fresh, unique path (nothing is created: the code under test may create it).
    pub fn new(name: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("exobot-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        Scratch { path }
    }

    /// The same, created.
    pub fn created(name: &str) -> Scratch {
        let scratch = Scratch::new(name);
        std::fs::create_dir_all(&scratch.path).expect("a scratch folder");
        scratch
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

impl Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<OsStr> for Scratch {
    fn as_ref(&self) -> &OsStr {
        self.path.as_os_str()
    }
}
