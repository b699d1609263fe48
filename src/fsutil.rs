//! Writing files atomically: a temporary file in the same folder, then a rename, keeping the
//! original's permissions (and, on Unix, its owner where the process may set it). A reader never
//! sees half a file, and a failed write leaves the original as it was: the temporary file is
//! removed when anything fails before the rename.

use std::io::Write;
use std::path::{Path, PathBuf};

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// As [`write_atomic`], the content written by `write` as it goes (a large file need not be
/// held in memory first). An error from `write` leaves the original as it was.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // Writing through a symbolic link replaces the file it points to, not the link.
    let target: PathBuf = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let original = std::fs::metadata(&target).ok();
    if let Some(m) = &original {
        if m.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                format!("{} is a folder", target.display()),
            ));
        }
        // The rename would replace a file the process may not write (its folder is what the
        // rename needs): a read-only file, or one the kernel will not open for writing, stays.
        if m.permissions().readonly() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("{} is read-only", target.display()),
            ));
        }
        std::fs::OpenOptions::new().write(true).open(&target)?;
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".tadqiq-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    tmp.as_file().sync_all()?;
    match &original {
        Some(m) => {
            std::fs::set_permissions(tmp.path(), m.permissions())?;
            keep_owner(tmp.path(), m);
        }
        None => new_file_permissions(tmp.path())?,
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn keep_owner(tmp: &Path, original: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Only a privileged process can give a file away; for anyone else the owner is already right.
    let _ = std::os::unix::fs::chown(tmp, Some(original.uid()), Some(original.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_tmp: &Path, _original: &std::fs::Metadata) {}

/// A new file gets the usual permissions of a created file (rw-r--r--), not the owner-only
/// ones of a temporary file.
#[cfg(unix)]
fn new_file_permissions(tmp: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(tmp, std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions(_tmp: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_file_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "قديم").unwrap();
        let mut read_only = std::fs::metadata(&p).unwrap().permissions();
        read_only.set_readonly(true);
        std::fs::set_permissions(&p, read_only).unwrap();
        let err = write_atomic(&p, "جديد".as_bytes()).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "قديم");
    }

    #[test]
    fn replaces_content_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "قديم").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&p, "جديد".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "جديد");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o640);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind: {names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        let link = dir.path().join("link.txt");
        std::fs::write(&real, "x").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"y").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "y");
    }

    #[test]
    fn a_folder_or_missing_parent_is_an_error_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(dir.path(), b"x").is_err());
        let missing = dir.path().join("no/such/file.txt");
        assert!(write_atomic(&missing, b"x").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_write_that_fails_midway_leaves_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        std::fs::write(&p, "قديم").unwrap();
        let err = write_atomic_with(&p, |w| {
            w.write_all("نصف".as_bytes())?;
            Err(std::io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "قديم");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file is left"
        );
        write_atomic_with(&p, |w| w.write_all("جديد".as_bytes())).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "جديد");
    }
}
