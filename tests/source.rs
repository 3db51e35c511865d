//! Keeping the FAQ in step with the About Us page: `faq check-source` and `faq import-leaders`.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn page(name: &str) -> String {
    std::fs::read_to_string(data(name)).unwrap()
}

fn rescbot(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rescbot"))
        .args(args)
        .current_dir(dir)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .output()
        .expect("rescbot runs")
}

/// `faq check-source` on `text` saved as `name`, against the shipped FAQ.
fn check(name: &str, text: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let faq = common::shipped_faq_dir();
    rescbot(
        dir.path(),
        &[
            "--faq",
            faq.to_str().unwrap(),
            "faq",
            "check-source",
            path.to_str().unwrap(),
        ],
    )
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The three changes a page goes through: a new leader, a corrected date, a new bullet.
fn changed(text: &str) -> String {
    let text = text
        .replace("Kate Ericson", "Jane Q. Doe")
        .replace("July 2021", "June 2022");
    let bullet = "Responsive to local needs and interdistrict opportunities";
    assert!(text.contains(bullet));
    if text.contains("<li>") {
        text.replacen(
            &format!("{bullet} </li>"),
            &format!(
                "{bullet} </li>\n  <li>Serving 1,200 schools in 169 towns across the state</li>"
            ),
            1,
        )
        .replacen(
            &format!("{bullet}</li>"),
            &format!(
                "{bullet}</li>\n  <li>Serving 1,200 schools in 169 towns across the state</li>"
            ),
            1,
        )
    } else {
        text.replacen(
            bullet,
            &format!("{bullet}\n\n  • Serving 1,200 schools in 169 towns across the state"),
            1,
        )
    }
}

/// Checks the page `name` as it is today is in step with the FAQ.
fn in_step(name: &str) {
    let out = check(name, &page(name));
    assert!(
        out.status.success(),
        "{name}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("in step: 6 leaders"),
        "{}",
        stdout(&out)
    );
    assert_eq!(stdout(&out).lines().count(), 1);
}

common::cases! {
    the_page_as_it_is_today_is_in_step_as_text_and_as_html(in_step) {
        text: ("about-us.txt"),
        html: ("about-us.html"),
    }
}

/// Checks each change to the page `name` is reported in its words.
fn each_change_reported(name: &str) {
    let out = check(name, &changed(&page(name)));
    let report = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{name}: {report}{}",
        stderr(&out)
    );
    assert!(
        report.contains("changed leader: LEARN is led by Jane Q. Doe")
            && report.contains("\"Jane Q. Doe, LEARN Executive Director\""),
        "{name}: {report}"
    );
    assert!(
        report.contains("date not in any answer: June 2022"),
        "{name}: {report}"
    );
    assert!(
        report.contains("number not in any answer: 1,200"),
        "{name}: {report}"
    );
    assert!(
        report.contains("number not in any answer: 169"),
        "{name}: {report}"
    );
    assert!(
        report.contains(
            "not covered by any entry: \"Serving 1,200 schools in 169 towns across the state\""
        ),
        "{name}: {report}"
    );
}

common::cases! {
    each_change_to_the_page_is_reported_in_its_words_as_text_and_as_html(each_change_reported) {
        text: ("about-us.txt"),
        html: ("about-us.html"),
    }
}

#[test]
fn html_navigation_footer_scripts_and_entities_are_read_as_a_browser_shows_the_page() {
    let blocks = rescbot::source::html_blocks(&page("about-us.html"));
    let all = blocks.join("\n");
    assert!(!all.contains("Evil Imposter"), "a script is not page text");
    assert!(!all.contains("enable JavaScript") && !all.contains("Main Street"));
    assert!(!all.contains("Contact"), "navigation is not page text");
    assert!(
        all.contains("state’s public schools"),
        "entities are decoded"
    );
    let leaders = rescbot::source::leader_lines(&blocks);
    assert_eq!(leaders.len(), 6);
    assert_eq!(leaders[0].name, "Charles Dumais");
    assert_eq!(leaders[0].honorific.as_deref(), Some("Dr."));
    assert_eq!(leaders[0].resc, "CES");
    assert_eq!(leaders[0].title, "Executive Director");
    // The headings, paragraphs and list items keep the page's order.
    let at = |t: &str| blocks.iter().position(|b| b.contains(t)).unwrap();
    assert!(
        at("What are Regional") < at("Created by Connecticut")
            && at("Created by") < at("Meet the RESC")
    );
}

/// Serves one canned HTTP response per connection, after `delay`.
fn serve(
    status: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    delay: Duration,
) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/about-us", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 2048];
            let _ = stream.read(&mut request);
            std::thread::sleep(delay);
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    url
}

fn check_url(url: &str, timeout: &str) -> Output {
    let faq = common::shipped_faq_dir();
    rescbot(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "--faq",
            faq.to_str().unwrap(),
            "faq",
            "check-source",
            url,
            "--timeout",
            timeout,
        ],
    )
}

#[test]
fn a_url_is_fetched_and_every_way_it_can_fail_is_a_clear_error_with_exit_2() {
    let ok = serve(
        "200 OK",
        "text/html; charset=utf-8",
        page("about-us.html").into_bytes(),
        Duration::ZERO,
    );
    let out = check_url(&ok, "10");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));

    let missing = serve(
        "404 Not Found",
        "text/html",
        b"<p>no such page</p>".to_vec(),
        Duration::ZERO,
    );
    let out = check_url(&missing, "10");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("HTTP 404"), "{}", stderr(&out));

    let slow = serve(
        "200 OK",
        "text/html",
        b"<p>late</p>".to_vec(),
        Duration::from_secs(5),
    );
    let out = check_url(&slow, "1");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did not answer within 1 s"),
        "{}",
        stderr(&out)
    );

    let binary = serve(
        "200 OK",
        "application/octet-stream",
        vec![0, 159, 146, 150, 0, 1],
        Duration::ZERO,
    );
    let out = check_url(&binary, "10");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not text or HTML"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_page_that_cannot_be_read_exits_2() {
    let out = check("x.txt", "");
    assert!(out.status.success() || out.status.code() == Some(1));
    let faq = common::shipped_faq_dir();
    let out = rescbot(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "--faq",
            faq.to_str().unwrap(),
            "faq",
            "check-source",
            "/nonexistent/about-us.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read /nonexistent/about-us.txt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn import_leaders_puts_the_new_leader_in_the_answers_with_a_backup_and_an_audit_record() {
    let dir = tempfile::tempdir().unwrap();
    let faq = dir.path().join("faq");
    std::fs::create_dir(&faq).unwrap();
    for entry in std::fs::read_dir(common::shipped_faq_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, faq.join(path.file_name().unwrap())).unwrap();
        }
    }
    let page_path = dir.path().join("about-us.txt");
    std::fs::write(&page_path, changed(&page("about-us.txt"))).unwrap();
    let page_arg = page_path.to_str().unwrap();
    let before = std::fs::read_to_string(faq.join("directory.yaml")).unwrap();

    let dry = rescbot(
        dir.path(),
        &[
            "--config",
            "none.yaml",
            "faq",
            "import-leaders",
            page_arg,
            "--dry-run",
        ],
    );
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains("LEARN: Kate Ericson replaced by Jane Q. Doe"),
        "{}",
        stdout(&dry)
    );
    assert_eq!(
        std::fs::read_to_string(faq.join("directory.yaml")).unwrap(),
        before
    );
    assert!(!faq.join(".backups").exists() && !dir.path().join("data").exists());

    let out = rescbot(
        dir.path(),
        &["--config", "none.yaml", "faq", "import-leaders", page_arg],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let after = std::fs::read_to_string(faq.join("directory.yaml")).unwrap();
    assert!(
        after.contains("name: Jane Q. Doe") && !after.contains("name: Kate Ericson"),
        "{after}"
    );
    assert!(
        after.starts_with("# The RESC directory"),
        "comments are kept"
    );
    assert!(
        after.contains("aka: [Jeff Kitching]"),
        "unchanged leaders keep their lines"
    );
    assert_eq!(std::fs::read_dir(faq.join(".backups")).unwrap().count(), 1);
    let audit = std::fs::read_to_string(dir.path().join("data/audit.jsonl")).unwrap();
    assert!(
        audit.contains("\"action\":\"import_leaders\"") && audit.contains(page_arg),
        "{audit}"
    );

    let answer = rescbot(
        dir.path(),
        &["--config", "none.yaml", "ask", "who leads LEARN?"],
    );
    assert!(
        stdout(&answer).contains("Jane Q. Doe"),
        "{}",
        stdout(&answer)
    );
    let valid = rescbot(dir.path(), &["--config", "none.yaml", "faq", "validate"]);
    assert!(valid.status.success(), "{}", stderr(&valid));
}
