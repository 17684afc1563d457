//! Writing output files without ever losing work: nothing is overwritten
//! unless asked, and a file is either written whole or not at all.
//!
//! Every writer of the tool (init, schema, build) goes through here, and a
//! build asks [`refuse_inputs`] first, so no output replaces an input. The bytes
//! go to a temporary file in the target folder, which is then renamed over the
//! target, so an interrupted write leaves the previous file intact.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Refuse when the file exists.
    CreateNew,
    /// Replace an existing file.
    Replace,
}

impl WriteMode {
    pub fn from_force(force: bool) -> Self {
        if force {
            Self::Replace
        } else {
            Self::CreateNew
        }
    }
}

#[derive(Debug)]
pub enum WriteError {
    /// The file exists and the mode is `CreateNew`.
    Exists(PathBuf),
    /// The path names a folder.
    IsFolder(PathBuf),
    /// The path is a file the run reads (the case, a template, a font).
    IsInput(PathBuf),
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Exists(path) => write!(
                f,
                "`{}` already exists; nothing was written (add --force to replace it)",
                path.display()
            ),
            WriteError::IsFolder(path) => {
                write!(f, "`{}` is a folder; give a file name", path.display())
            }
            WriteError::IsInput(path) => write!(
                f,
                "`{}` is an input of this build; refusing to write over it (choose another -o)",
                path.display()
            ),
            WriteError::Io(path, error) => write!(f, "cannot write `{}`: {error}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// Refuses a target that is one of `inputs`, under any name: a build must
/// never write over the files it reads.
pub fn refuse_inputs(target: &Path, inputs: &[PathBuf]) -> Result<(), WriteError> {
    match inputs.iter().find(|input| same_file(target, input)) {
        Some(_) => Err(WriteError::IsInput(target.to_path_buf())),
        None => Ok(()),
    }
}

/// Whether two paths name the same file, following links and `..`; on Unix
/// also a hard link, which shares the file under another name.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        // A file that does not exist yet cannot be an input.
        _ => false,
    }
}

/// Who may read a new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// As any new file of the user's (the umask decides).
    Usual,
    /// The owner alone (mode 0600): unsaved drafts, session files.
    Private,
}

impl Access {
    #[cfg(unix)]
    fn mode(self) -> u32 {
        match self {
            Access::Usual => 0o666,
            Access::Private => 0o600,
        }
    }
}

/// Writes `bytes` to `path` atomically, creating missing parent folders.
pub fn write_new_file(path: &Path, bytes: &[u8], mode: WriteMode) -> Result<(), WriteError> {
    write_file(path, bytes, mode, Access::Usual)
}

/// Writes `bytes` to `path` atomically, readable by its owner alone.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_file(path, bytes, WriteMode::Replace, Access::Private)
}

fn write_file(
    path: &Path,
    bytes: &[u8],
    mode: WriteMode,
    access: Access,
) -> Result<(), WriteError> {
    if path.is_dir() {
        return Err(WriteError::IsFolder(path.to_path_buf()));
    }
    if mode == WriteMode::CreateNew && path.exists() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let io = |error| WriteError::Io(path.to_path_buf(), error);
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&folder).map_err(io)?;
    let file_name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    remove_stale_temp_files(&folder, &file_name);
    let (mut file, temp_path) = create_temp_file(&folder, &file_name, access).map_err(io)?;
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        // A replaced file keeps the permissions its owner gave it.
        if let (Access::Usual, Ok(existing)) = (access, std::fs::metadata(path)) {
            std::fs::set_permissions(&temp_path, existing.permissions())?;
        }
        if mode == WriteMode::CreateNew {
            // A hard link fails if the target appeared meanwhile: no race with another writer.
            std::fs::hard_link(&temp_path, path).or_else(|error| {
                if error.kind() == std::io::ErrorKind::AlreadyExists {
                    Err(error)
                } else {
                    // Some file systems have no hard links; the check above must do.
                    std::fs::rename(&temp_path, path)
                }
            })
        } else {
            std::fs::rename(&temp_path, path)
        }
    })();
    let _ = std::fs::remove_file(&temp_path);
    result.map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            WriteError::Exists(path.to_path_buf())
        } else {
            io(error)
        }
    })?;
    sync_folder(&folder);
    Ok(())
}

/// A new temporary file beside `file_name` in `folder`, opened for writing
/// only if nothing is at its name: never an existing file, never through a
/// link someone planted. The name is `.NAME.PID-RANDOM.tmp`: unique to the
/// writer (two saves at once never share one), with the process id that
/// [`remove_stale_temp_files`] reads. Created with `access`'s permissions.
pub fn create_temp_file(
    folder: &Path,
    file_name: &str,
    access: Access,
) -> std::io::Result<(std::fs::File, PathBuf)> {
    let mut last = None;
    for _ in 0..16 {
        let temp_path = folder.join(format!(
            ".{file_name}.{}-{:016x}.tmp",
            std::process::id(),
            unique_number()
        ));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(access.mode()).custom_flags(libc::O_NOFOLLOW);
        }
        #[cfg(not(unix))]
        let _ = access;
        match options.open(&temp_path) {
            Ok(file) => return Ok((file, temp_path)),
            // Someone holds this name (planted or by chance): draw another.
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => last = Some(error),
            Err(error) => return Err(error),
        }
    }
    Err(last.unwrap_or_else(|| std::io::ErrorKind::AlreadyExists.into()))
}

/// 64 bits no other writer can foresee: random where the system gives
/// randomness, else the time and a counter (the name is still opened
/// exclusively, so a guess gains nothing but a retry).
fn unique_number() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_ok() {
        return u64::from_le_bytes(bytes);
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    nanos ^ COUNTER.fetch_add(1, Ordering::Relaxed).rotate_left(48)
}

/// Makes a rename in `folder` durable: the new name is on disk, not only
/// the bytes. Where folders cannot be opened (Windows), the rename stands.
pub fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// Removes `.NAME.PID-RANDOM.tmp` files that a killed writer of the same
/// target left behind: those whose process no longer runs. Only where
/// `/proc` tells.
fn remove_stale_temp_files(folder: &Path, file_name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let prefix = format!(".{file_name}.");
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|rest| rest.split_once('-'))
            .map(|(pid, _)| pid)
        else {
            continue;
        };
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|pid| Path::new("/proc").join(pid.to_string()).exists());
        if !alive && pid.bytes().all(|b| b.is_ascii_digit()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_replace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/case.yaml");
        write_new_file(&path, b"first", WriteMode::CreateNew).unwrap();
        let error = write_new_file(&path, b"second", WriteMode::CreateNew).unwrap_err();
        assert!(matches!(error, WriteError::Exists(_)));
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        write_new_file(&path, b"third", WriteMode::Replace).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"third");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn replacing_keeps_permissions_and_clears_a_killed_writer_s_leftovers() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ana.pdf");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        // What a writer killed mid-write leaves: no process has this id.
        let stale = dir.path().join(".ana.pdf.4294967-00000000000000ab.tmp");
        std::fs::write(&stale, b"half").unwrap();
        write_new_file(&path, b"new", WriteMode::Replace).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        if Path::new("/proc/self").exists() {
            assert!(!stale.exists(), "the stale temporary file is removed");
        }
    }
}
