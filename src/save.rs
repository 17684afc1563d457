//! Saving an edited case over the file it was loaded from, without ever
//! losing a change: the one save of `promocase serve` (and of any editor
//! built on the library).
//!
//! A page edits a text it loaded at some version ([`version_of`] its
//! bytes). [`save_if_unchanged`] writes the new text only if the file on
//! disk is still at that version, and it holds one lock from that check to
//! the rename: no other save of this process, nor of another promocase
//! process, can come between. A program that is not promocase (git, an
//! editor) takes no lock, so the swap itself is checked: on Linux the new
//! file and the old one trade places atomically (`renameat2` with
//! `RENAME_EXCHANGE`), and if what came out is not the version the page
//! edited, someone replaced the file meanwhile: the swap is undone and the
//! page hears of the conflict with that text. The bytes go through
//! [`crate::write::create_temp_file`] (a unique name, opened exclusively,
//! never through a link) and are on disk, folder entry included, before
//! the answer says "saved".
//!
//! A case that is a link is written through the link (the file it names is
//! replaced, the link stays); a case deleted meanwhile is written back.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::model::load::MAX_FILE_BYTES;
use crate::write::{Access, WriteError, create_temp_file, sync_folder};

/// A hash of bytes: the version of a file, the identity of a page.
/// Stable across runs and machines (a fixed-key hash), so a page's version
/// means the same to every process.
pub fn version_of(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// The text replaced the version the page edited.
    Replaced { version: String },
    /// The file was gone (deleted or moved away meanwhile); the text is
    /// there again.
    WrittenBack { version: String },
}

impl Saved {
    pub fn version(&self) -> &str {
        match self {
            Saved::Replaced { version } | Saved::WrittenBack { version } => version,
        }
    }
}

/// Why a save wrote nothing.
#[derive(Debug)]
pub enum SaveError {
    /// The file on disk is not the version the page edited: someone changed
    /// it. Its text and version, for the page to offer.
    Conflict { text: String, version: String },
    /// The file on disk is larger than any case may be.
    TooLarge(PathBuf),
    /// The file could not be read or written.
    Write(WriteError),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Conflict { .. } => {
                write!(f, "the file changed on disk since the page loaded it")
            }
            SaveError::TooLarge(path) => write!(
                f,
                "`{}` on disk is over {} MB, more than a case may be; nothing was written",
                path.display(),
                MAX_FILE_BYTES / 1_048_576
            ),
            SaveError::Write(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for SaveError {}

/// The case's bytes as they are on disk, `None` when there is no file;
/// refused past the loader's limit without reading it whole.
pub fn read_case(path: &Path) -> Result<Option<Vec<u8>>, SaveError> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(SaveError::Write(WriteError::Io(path.to_path_buf(), error))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| SaveError::Write(WriteError::Io(path.to_path_buf(), error)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SaveError::TooLarge(path.to_path_buf()));
    }
    Ok(Some(bytes))
}

/// Writes `text` to the case at `path` if the file there is still at
/// `edited_version`; see the module's documentation for the guarantees.
pub fn save_if_unchanged(
    path: &Path,
    text: &str,
    edited_version: &str,
) -> Result<Saved, SaveError> {
    let target = through_links(path);
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let io = |error| SaveError::Write(WriteError::Io(target.clone(), error));
    let _lock = SaveLock::take(&folder).map_err(io)?;

    let on_disk = read_case(&target)?;
    if let Some(bytes) = &on_disk {
        let version = version_of(bytes);
        if version != edited_version {
            return Err(SaveError::Conflict {
                text: String::from_utf8_lossy(bytes).into_owned(),
                version,
            });
        }
    }

    let file_name = target
        .file_name()
        .map_or_else(|| "case.yaml".into(), |n| n.to_string_lossy().into_owned());
    let (mut file, temp) = create_temp_file(&folder, &file_name, Access::Private).map_err(io)?;
    let written = (|| {
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        drop(file);
        if let Ok(existing) = std::fs::metadata(&target) {
            std::fs::set_permissions(&temp, existing.permissions())?;
        }
        Ok(())
    })();
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(io(error));
    }
    let version = version_of(text.as_bytes());
    let outcome = match on_disk {
        Some(_) => {
            swap_in(&temp, &target, edited_version, text).map(|()| Saved::Replaced { version })
        }
        None => put_back(&temp, &target).map(|()| Saved::WrittenBack { version }),
    };
    let _ = std::fs::remove_file(&temp);
    if outcome.is_ok() {
        sync_folder(&folder);
    }
    outcome
}

/// The file a path names once every link is followed, so a linked case is
/// written where it lives and stays a link, even when the file it names
/// was deleted (it is written back there). A path that is no link stays
/// as given.
fn through_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    // As the system's own limit on links in a row.
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return current;
        }
        let Ok(target) = std::fs::read_link(&current) else {
            return current;
        };
        current = match current.parent() {
            Some(parent) if target.is_relative() => parent.join(target),
            _ => target,
        };
    }
    current
}

/// Puts the new file at `target`, which exists and held `edited_version`
/// when it was checked; refuses, undoing the swap, if another program put a
/// different file there since.
fn swap_in(temp: &Path, target: &Path, edited_version: &str, text: &str) -> Result<(), SaveError> {
    let io = |error| SaveError::Write(WriteError::Io(target.to_path_buf(), error));
    let conflict = |bytes: Vec<u8>| SaveError::Conflict {
        version: version_of(&bytes),
        text: String::from_utf8_lossy(&bytes).into_owned(),
    };
    #[cfg(not(target_os = "linux"))]
    let _ = text;
    // A last look after the bytes reached the disk (which takes a moment):
    // a change that came meanwhile is refused before anything moves.
    match read_case(target)? {
        Some(bytes) if version_of(&bytes) != edited_version => return Err(conflict(bytes)),
        Some(_) => {}
        None => return put_back(temp, target),
    }
    #[cfg(target_os = "linux")]
    match exchange(temp, target) {
        Ok(()) => {
            // `temp` now holds what was at `target` the instant they traded.
            let replaced = read_case(temp)?.unwrap_or_default();
            if version_of(&replaced) == edited_version {
                return Ok(());
            }
            // Another program's file came between the last look and the
            // trade: it goes back.
            exchange(temp, target).map_err(io)?;
            let came_out = read_case(temp)?.unwrap_or_default();
            if came_out != text.as_bytes() {
                // And yet another replaced ours in that instant: it is the
                // newest, so it is the one that stays.
                exchange(temp, target).map_err(io)?;
            }
            return Err(conflict(read_case(target)?.unwrap_or_default()));
        }
        // A file system without the exchange (some network drives): the
        // look above, then a plain rename.
        Err(error)
            if matches!(
                error.raw_os_error(),
                Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP)
            ) => {}
        // Deleted between the look and the trade: it is written back.
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return put_back(temp, target);
        }
        Err(error) => return Err(io(error)),
    }
    std::fs::rename(temp, target).map_err(io)
}

/// Puts the new file at `target`, where there was none; if a file appeared
/// meanwhile it stays, and the page is told.
fn put_back(temp: &Path, target: &Path) -> Result<(), SaveError> {
    match std::fs::hard_link(temp, target) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            let bytes = read_case(target)?.unwrap_or_default();
            Err(SaveError::Conflict {
                version: version_of(&bytes),
                text: String::from_utf8_lossy(&bytes).into_owned(),
            })
        }
        // No hard links on this file system: a rename that refuses to replace.
        Err(_) => {
            if target.exists() {
                let bytes = read_case(target)?.unwrap_or_default();
                return Err(SaveError::Conflict {
                    version: version_of(&bytes),
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                });
            }
            std::fs::rename(temp, target)
                .map_err(|error| SaveError::Write(WriteError::Io(target.to_path_buf(), error)))
        }
    }
}

/// Trades the files at `a` and `b` in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are NUL-terminated strings that live across the call.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Held from the version check to the rename: a lock of this process (two
/// pages of one server) and, on Unix, an advisory lock on the case's folder
/// (two promocase processes on one folder).
struct SaveLock {
    _process: std::sync::MutexGuard<'static, ()>,
    #[cfg(unix)]
    _folder: Option<std::fs::File>,
}

impl SaveLock {
    fn take(folder: &Path) -> std::io::Result<SaveLock> {
        static PROCESS: Mutex<()> = Mutex::new(());
        // A save that panicked left nothing half-done that the lock guards.
        let process = PROCESS
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            // A folder that cannot be opened for the lock (no read permission)
            // still gets the process's lock.
            let folder = std::fs::File::open(folder).ok();
            if let Some(dir) = &folder {
                // SAFETY: the descriptor is open for the duration of the call.
                while unsafe { libc::flock(dir.as_raw_fd(), libc::LOCK_EX) } != 0 {
                    let error = std::io::Error::last_os_error();
                    if error.kind() != std::io::ErrorKind::Interrupted {
                        return Err(error);
                    }
                }
            }
            Ok(SaveLock {
                _process: process,
                _folder: folder,
            })
        }
        #[cfg(not(unix))]
        {
            let _ = folder;
            Ok(SaveLock { _process: process })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case_in(dir: &Path, text: &str) -> (PathBuf, String) {
        let path = dir.join("ana.yaml");
        std::fs::write(&path, text).unwrap();
        (path, version_of(text.as_bytes()))
    }

    #[test]
    fn a_save_from_the_version_on_disk_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let (path, version) = case_in(dir.path(), "first\n");
        let saved = save_if_unchanged(&path, "second\n", &version).unwrap();
        assert_eq!(
            saved,
            Saved::Replaced {
                version: version_of(b"second\n")
            }
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn a_save_from_an_older_version_writes_nothing_and_returns_the_disk_text() {
        let dir = tempfile::tempdir().unwrap();
        let (path, old) = case_in(dir.path(), "first\n");
        std::fs::write(&path, "changed by git\n").unwrap();
        match save_if_unchanged(&path, "mine\n", &old) {
            Err(SaveError::Conflict { text, version }) => {
                assert_eq!(text, "changed by git\n");
                assert_eq!(version, version_of(b"changed by git\n"));
            }
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "changed by git\n");
    }

    #[test]
    fn two_saves_from_one_version_at_once_keep_exactly_one_and_tell_the_other() {
        for _ in 0..50 {
            let dir = tempfile::tempdir().unwrap();
            let (path, version) = case_in(dir.path(), "start\n");
            let results: Vec<_> = std::thread::scope(|scope| {
                let handles: Vec<_> = ["page one\n", "page two\n"]
                    .into_iter()
                    .map(|text| {
                        let (path, version) = (&path, &version);
                        scope.spawn(move || (text, save_if_unchanged(path, text, version)))
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            let saved: Vec<&str> = results
                .iter()
                .filter(|(_, r)| r.is_ok())
                .map(|(t, _)| *t)
                .collect();
            assert_eq!(saved.len(), 1, "exactly one save wins: {results:?}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), saved[0]);
            let refused = results.iter().find(|(_, r)| r.is_err()).unwrap();
            assert!(
                matches!(&refused.1, Err(SaveError::Conflict { text, .. }) if text == saved[0])
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_case_is_written_through_its_link() {
        let dir = tempfile::tempdir().unwrap();
        let real_dir = dir.path().join("real");
        std::fs::create_dir(&real_dir).unwrap();
        let (real, version) = case_in(&real_dir, "first\n");
        let link = dir.path().join("case.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        save_if_unchanged(&link, "second\n", &version).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "second\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_linked_case_whose_file_was_deleted_is_written_back_where_the_link_points() {
        let dir = tempfile::tempdir().unwrap();
        let (real, version) = case_in(dir.path(), "first\n");
        let link = dir.path().join("case.yaml");
        std::os::unix::fs::symlink("ana.yaml", &link).unwrap();
        std::fs::remove_file(&real).unwrap();
        save_if_unchanged(&link, "back\n", &version).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "back\n");
    }

    #[test]
    fn a_deleted_case_is_written_back() {
        let dir = tempfile::tempdir().unwrap();
        let (path, version) = case_in(dir.path(), "first\n");
        std::fs::remove_file(&path).unwrap();
        let saved = save_if_unchanged(&path, "mine\n", &version).unwrap();
        assert!(matches!(saved, Saved::WrittenBack { .. }));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine\n");
    }

    #[test]
    fn a_file_over_the_limit_on_disk_is_not_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(MAX_FILE_BYTES * 4).unwrap();
        assert!(matches!(read_case(&path), Err(SaveError::TooLarge(_))));
    }
}
