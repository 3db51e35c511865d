//! The Docker image's layout, without Docker: the binary runs as the image's unprivileged
//! user (uid and gid 10001) in a folder laid out like the image's `/app`, with `faq/` and
//! `data/` owned as the README says, and can answer, record and edit there. A `faq/` left
//! owned by root (a host folder mounted without the README's `chown`) is refused clearly.
#![cfg(unix)]

use std::os::unix::fs::MetadataExt as _;
use std::os::unix::process::CommandExt as _;
use std::path::Path;
use std::process::{Command, Output};

/// The image's user and group.
const UID: u32 = 10001;
const GID: u32 = 10001;

fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

fn chown_tree(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::lchown(path, Some(uid), Some(gid)).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            chown_tree(&entry.unwrap().path(), uid, gid);
        }
    }
}

/// `/app` as the image has it: the shipped `faq/` and `config/`, an empty `data/`, with
/// `faq/` and `data/` owned by the bot's user when `owned`.
fn app(owned: bool) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt as _;
    let root = tempfile::tempdir().unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&manifest.join("faq"), &root.path().join("faq"));
    copy_dir(&manifest.join("config"), &root.path().join("config"));
    std::fs::create_dir(root.path().join("data")).unwrap();
    // The page the import reads, somewhere the bot's user can read it.
    std::fs::copy(
        manifest.join("tests/data/about-us.txt"),
        root.path().join("about-us.txt"),
    )
    .unwrap();
    // A leader the page has since changed, so the import has something to write.
    let directory = root.path().join("faq/directory.yaml");
    let text = std::fs::read_to_string(&directory).unwrap();
    std::fs::write(
        &directory,
        text.replace("name: Kate Ericson", "name: Kate Erikson"),
    )
    .unwrap();
    if owned {
        chown_tree(&root.path().join("faq"), UID, GID);
        chown_tree(&root.path().join("data"), UID, GID);
    }
    root
}

/// Runs the binary in `app` as the image's user, with a bare environment.
fn rescbot(app: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rescbot"))
        .args(args)
        .current_dir(app)
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("HOME", app)
        .uid(UID)
        .gid(GID)
        .output()
        .expect("rescbot runs as the image's user")
}

fn text(output: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn as_the_images_user_it_answers_records_and_edits_in_app() {
    if !running_as_root() {
        eprintln!("skipped: switching to uid {UID} needs root");
        return;
    }
    let app = app(true);
    let asked = rescbot(app.path(), &["ask", "--record", "Who leads LEARN?"]);
    assert!(asked.status.success(), "{}", text(&asked));
    assert!(String::from_utf8_lossy(&asked.stdout).contains("Kate Erikson"));
    let db = std::fs::metadata(app.path().join("data/rescbot.db")).expect("records created");
    assert_eq!((db.uid(), db.gid()), (UID, GID));

    let imported = rescbot(app.path(), &["faq", "import-leaders", "about-us.txt"]);
    assert!(imported.status.success(), "{}", text(&imported));
    let directory = std::fs::read_to_string(app.path().join("faq/directory.yaml")).unwrap();
    assert!(directory.contains("name: Kate Ericson"), "{directory}");
    let file = std::fs::metadata(app.path().join("faq/directory.yaml")).unwrap();
    assert_eq!(
        (file.uid(), file.gid()),
        (UID, GID),
        "the edit keeps the owner"
    );
    assert!(app.path().join("faq/.backups").is_dir());
    let audit = std::fs::read_to_string(app.path().join("data/audit.jsonl")).unwrap();
    assert!(audit.contains("Kate Ericson"), "{audit}");

    let answered = rescbot(app.path(), &["ask", "Who leads LEARN?"]);
    assert!(String::from_utf8_lossy(&answered.stdout).contains("Kate Ericson"));
}

#[test]
fn a_faq_folder_the_user_cannot_write_is_refused_with_the_reason() {
    if !running_as_root() {
        eprintln!("skipped: switching to uid {UID} needs root");
        return;
    }
    let app = app(false);
    // Answering needs only reading.
    let asked = rescbot(app.path(), &["ask", "Who leads LEARN?"]);
    assert!(asked.status.success(), "{}", text(&asked));
    let imported = rescbot(app.path(), &["faq", "import-leaders", "about-us.txt"]);
    assert!(!imported.status.success(), "{}", text(&imported));
    let said = String::from_utf8_lossy(&imported.stderr);
    assert!(said.contains("Permission denied"), "{said}");
    assert!(
        said.contains("faq/directory.yaml"),
        "names the file: {said}"
    );
    assert!(
        said.contains("uid and gid 10001"),
        "says who must write: {said}"
    );
    let directory = std::fs::read_to_string(app.path().join("faq/directory.yaml")).unwrap();
    assert!(
        directory.contains("name: Kate Erikson"),
        "nothing was written"
    );
}
