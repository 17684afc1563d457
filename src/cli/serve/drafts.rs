//! Unsaved edits of the workspace, kept by the server where only the user
//! can read them: a folder of the user's own (`$XDG_STATE_HOME/promocase/drafts`,
//! else `~/.local/state/promocase/drafts`, mode 0700), one file per case
//! (mode 0600). Not the browser's storage: whatever later serves the same
//! port would be the same origin and could read it there.
//!
//! The page sends its text as the person types and asks for it when it
//! opens a case; a save forgets it. Without a folder to write to, drafts
//! live as long as the server.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use promocase::save::version_of;
use promocase::write::write_private_file;

/// A case's unsaved text and the version of the file it was edited from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Draft {
    pub text: String,
    pub version: String,
}

pub struct Drafts {
    folder: Option<PathBuf>,
    memory: Mutex<HashMap<PathBuf, Draft>>,
}

impl Drafts {
    /// Drafts in the user's state folder; the reason when there is none
    /// (they are then kept in memory only).
    pub fn for_user() -> (Drafts, Option<String>) {
        let base = std::env::var_os("XDG_STATE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME")
                    .filter(|v| !v.is_empty())
                    .map(|home| PathBuf::from(home).join(".local/state"))
            });
        let Some(base) = base else {
            return (
                Drafts::in_memory(),
                Some("no home folder: unsaved edits are kept only while the server runs".into()),
            );
        };
        let folder = base.join("promocase").join("drafts");
        match private_folder(&folder) {
            Ok(()) => (
                Drafts {
                    folder: Some(folder),
                    memory: Mutex::new(HashMap::new()),
                },
                None,
            ),
            Err(error) => (
                Drafts::in_memory(),
                Some(format!(
                    "cannot keep unsaved edits in `{}` ({error}): they are kept only while the server runs",
                    folder.display()
                )),
            ),
        }
    }

    pub fn in_memory() -> Drafts {
        Drafts {
            folder: None,
            memory: Mutex::new(HashMap::new()),
        }
    }

    /// The case's file as every request names it: links and `..` resolved.
    fn key(case: &Path) -> PathBuf {
        std::fs::canonicalize(case).unwrap_or_else(|_| case.to_path_buf())
    }

    fn file_of(&self, case: &Path) -> Option<PathBuf> {
        let key = Self::key(case);
        self.folder.as_ref().map(|folder| {
            folder.join(format!(
                "{}.json",
                version_of(key.as_os_str().as_encoded_bytes())
            ))
        })
    }

    pub fn keep(&self, case: &Path, text: &str, version: &str) -> Result<(), String> {
        let draft = Draft {
            text: text.to_string(),
            version: version.to_string(),
        };
        if let Some(file) = self.file_of(case) {
            let json = serde_json::to_vec(&draft).map_err(|e| e.to_string())?;
            write_private_file(&file, &json).map_err(|e| e.to_string())?;
        }
        if let Ok(mut memory) = self.memory.lock() {
            memory.insert(Self::key(case), draft);
        }
        Ok(())
    }

    pub fn get(&self, case: &Path) -> Option<Draft> {
        let remembered = self
            .memory
            .lock()
            .ok()
            .and_then(|memory| memory.get(&Self::key(case)).cloned());
        remembered.or_else(|| {
            let file = self.file_of(case)?;
            let bytes = promocase::save::read_case(&file).ok().flatten()?;
            serde_json::from_slice(&bytes).ok()
        })
    }

    pub fn forget(&self, case: &Path) {
        if let Ok(mut memory) = self.memory.lock() {
            memory.remove(&Self::key(case));
        }
        if let Some(file) = self.file_of(case) {
            let _ = std::fs::remove_file(file);
        }
    }
}

/// Creates `folder` (and its parents) readable by the user alone.
fn private_folder(folder: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_outlives_the_server_and_is_forgotten_on_save() {
        let state = tempfile::tempdir().unwrap();
        let cases = tempfile::tempdir().unwrap();
        let case = cases.path().join("ana.yaml");
        std::fs::write(&case, "candidate:\n").unwrap();
        let folder = state.path().join("drafts");
        private_folder(&folder).unwrap();
        let drafts = Drafts {
            folder: Some(folder.clone()),
            memory: Mutex::new(HashMap::new()),
        };
        drafts
            .keep(&case, "candidate:\n  name: Ana\n", "v1")
            .unwrap();
        let later = Drafts {
            folder: Some(folder.clone()),
            memory: Mutex::new(HashMap::new()),
        };
        let draft = later.get(&case).unwrap();
        assert_eq!(draft.text, "candidate:\n  name: Ana\n");
        assert_eq!(draft.version, "v1");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&folder), 0o700);
            let file = std::fs::read_dir(&folder)
                .unwrap()
                .next()
                .unwrap()
                .unwrap()
                .path();
            assert_eq!(mode(&file), 0o600, "a draft is readable by its owner alone");
        }
        later.forget(&case);
        assert!(later.get(&case).is_none());
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    }
}
