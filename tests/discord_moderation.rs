//! The moderator features end to end through the fake Discord: live reloads and the log
//! channel, recorded questions and 👍/👎, and the `/faq` commands with their forms and buttons,
//! each on a temporary copy of the shipped FAQ and a temporary records database.
#![cfg(feature = "discord")]

mod common;
mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude as serenity;
use rescbot::config::{DiscordConfig, FaqConfig};
use rescbot::records::Recorder;
use rescbot::store::{FaqStore, Watcher};
use rescbot::MatchConfig;
use serde_json::{json, Value};
use support::{assert_no_pings, content, Bot, BOT_ID};

const LOG_CHANNEL: u64 = 99;
/// Manage Server.
const MODERATOR: &str = "32";
/// Send Messages and Use Application Commands, nothing more.
const MEMBER: &str = "2147485696";

/// The bot on a temporary copy of the shipped FAQ that it reloads when the files change, with
/// its records and audit log in a temporary folder and a log channel.
struct Moderated {
    bot: Bot,
    faq: tempfile::TempDir,
    /// The records database and the audit log.
    data: tempfile::TempDir,
    _watcher: Watcher,
}

fn faq_config(data: &Path) -> FaqConfig {
    FaqConfig {
        audit_log: data.join("audit.jsonl"),
        ..FaqConfig::default()
    }
}

impl std::ops::Deref for Moderated {
    type Target = Bot;

    fn deref(&self) -> &Bot {
        &self.bot
    }
}

impl Moderated {
    async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    /// [`Self::start`] with the FAQ settings changed by `change`.
    async fn start_with(change: impl FnOnce(&mut FaqConfig)) -> Self {
        let faq = common::shipped_faq_copy();
        let data = tempfile::tempdir().unwrap();
        let mut settings = faq_config(data.path());
        change(&mut settings);
        let store = Arc::new(
            FaqStore::open_with(faq.path(), MatchConfig::default(), settings)
                .expect("the shipped FAQ loads"),
        );
        let recorder = Arc::new(Recorder::open(&data.path().join("records.db")).unwrap());
        let (watcher, reloads) = rescbot::discord::watch(&store, Duration::from_millis(50));
        let config = DiscordConfig {
            cooldown_seconds: 0,
            log_channel: Some(LOG_CHANNEL),
            ..DiscordConfig::default()
        };
        let served = rescbot::discord::Served {
            reloads: Some(reloads),
            ..rescbot::discord::Served::new(store, recorder)
        };
        let bot = Bot::start_with(config, served).await;
        Self {
            bot,
            faq,
            data,
            _watcher: watcher,
        }
    }

    async fn ask(&self, question: &str) -> Value {
        self.interact_with(|id| support::slash_json(id, "ask", &[("question", question)]))
            .await
    }

    async fn faq(&self, sub: &str, options: &[(&str, Value)], permissions: &str) -> Value {
        self.interact_with(|id| support::subcommand_json(id, "faq", sub, options, permissions))
            .await
    }

    async fn submit(&self, custom_id: &str, fields: &[(&str, &str)], permissions: &str) -> Value {
        self.interact_with(|id| support::modal_json(id, custom_id, fields, permissions))
            .await
    }

    /// Asks until the answer's description satisfies `done` (the FAQ reloads in the
    /// background); fails after [`support::WAIT`].
    async fn ask_until(&self, question: &str, done: impl Fn(&str) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + support::WAIT;
        loop {
            let body = self.ask(question).await;
            if done(
                body["data"]["embeds"][0]["description"]
                    .as_str()
                    .unwrap_or(""),
            ) {
                return body;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the FAQ did not change in time: {body:#}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.faq.path().join(name)
    }

    /// A store opened afresh on the same folder, as after a restart.
    fn reopened(&self) -> FaqStore {
        FaqStore::open_with(
            self.faq.path(),
            MatchConfig::default(),
            faq_config(self.data.path()),
        )
        .expect("the edited FAQ loads after a restart")
    }

    async fn stop(self) {
        self.bot.stop().await;
    }
}

fn assert_private(body: &Value) {
    assert_eq!(body["type"], 4, "{body:#}");
    assert_eq!(body["data"]["flags"], 64, "{body:#}");
    assert_no_pings(&body["data"]);
}

fn buttons(data: &Value) -> Vec<(String, String)> {
    data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| {
            (
                b["custom_id"].as_str().unwrap().to_owned(),
                b["label"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn moderation_payloads_are_what_serenity_reads() {
    use serenity::Interaction;
    let sub: Interaction = serde_json::from_value(support::subcommand_json(
        "7",
        "faq",
        "history",
        &[("limit", json!(5))],
        MODERATOR,
    ))
    .unwrap();
    let Interaction::Command(sub) = sub else {
        panic!("a command")
    };
    assert!(sub.member.unwrap().permissions.unwrap().manage_guild());
    let modal: Interaction = serde_json::from_value(support::modal_json(
        "7",
        "faqadd",
        &[("question", "q"), ("answer", "a")],
        MEMBER,
    ))
    .unwrap();
    let Interaction::Modal(modal) = modal else {
        panic!("a modal submission")
    };
    assert_eq!(modal.data.components.len(), 2);
    assert!(matches!(
        &modal.data.components[0].components[0],
        serenity::ActionRowComponent::InputText(i) if i.custom_id == "question" && i.value.as_deref() == Some("q")
    ));
    let click: Interaction = serde_json::from_value(support::button_on_json(
        "7",
        "fb:down:x",
        support::answer_message_json("8", "Who leads LEARN?"),
        MEMBER,
    ))
    .unwrap();
    let Interaction::Component(click) = click else {
        panic!("a click")
    };
    assert_eq!(
        click.message.embeds[0].title.as_deref(),
        Some("Who leads LEARN?")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_faq_group_is_registered_for_managers_only() {
    let bot = Moderated::start().await;
    let body = bot
        .fake
        .wait_request("PUT", &format!("/applications/{BOT_ID}/commands"))
        .await;
    let faq = body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "faq")
        .expect("the faq group is registered");
    assert_eq!(faq["default_member_permissions"], "32");
    let subs: Vec<&str> = faq["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    for sub in [
        "reload",
        "validate",
        "add",
        "edit",
        "remove",
        "history",
        "unanswered",
        "stats",
    ] {
        assert!(subs.contains(&sub), "{sub} missing from {subs:?}");
    }
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_edit_goes_live_and_an_invalid_one_is_refused_and_reported() {
    let bot = Moderated::start().await;
    let question = "What is the RESC Alliance?";
    let old = "The RESC Alliance is the partnership";
    let first = bot.ask(question).await;
    assert!(first["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap()
        .starts_with(old));

    let file = bot.file("alliance.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen(
        old,
        "The RESC Alliance, newly edited, is the partnership",
        1,
    );
    std::fs::write(&file, &edited).unwrap();
    bot.ask_until(question, |d| d.contains("newly edited"))
        .await;
    let reported = bot
        .fake
        .wait_request("POST", &format!("/channels/{LOG_CHANNEL}/messages"))
        .await;
    assert!(
        reported["content"]
            .as_str()
            .unwrap()
            .contains("what-is-the-resc-alliance"),
        "{reported:#}"
    );

    // An unclosed list: the whole folder is refused and the last good FAQ keeps answering.
    let broken = edited.replacen("    tags: [alliance]\n", "    tags: [alliance\n", 1);
    assert_ne!(broken, edited);
    std::fs::write(&file, &broken).unwrap();
    let refusal = bot
        .fake
        .wait_for("the refusal in the log channel", |reqs| {
            reqs.iter()
                .filter(|r| r.path == format!("/channels/{LOG_CHANNEL}/messages"))
                .map(|r| r.body.clone())
                .find(|b| {
                    b["content"]
                        .as_str()
                        .is_some_and(|c| c.contains("problems"))
                })
        })
        .await;
    let text = refusal["content"].as_str().unwrap();
    let at = text.find("alliance.yaml:").expect("the file is named");
    assert!(
        text[at + "alliance.yaml:".len()..].starts_with(|c: char| c.is_ascii_digit()),
        "the line is named: {text}"
    );
    assert_eq!(
        refusal["allowed_mentions"],
        json!({"parse": [], "users": [], "roles": [], "replied_user": false})
    );
    let still = bot.ask(question).await;
    assert!(still["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap()
        .contains("newly edited"));

    let reload = bot.faq("reload", &[], MODERATOR).await;
    assert_private(&reload);
    assert!(content(&reload).contains("alliance.yaml:"), "{reload:#}");
    let validate = bot.faq("validate", &[], MODERATOR).await;
    assert!(
        content(&validate).contains("alliance.yaml:"),
        "{validate:#}"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_moderators_are_refused_and_nothing_is_written() {
    let bot = Moderated::start().await;
    let body = bot.faq("add", &[], MEMBER).await;
    assert_private(&body);
    assert!(content(&body).contains("Only moderators"), "{body:#}");

    let body = bot
        .submit(
            "faqadd",
            &[
                ("question", "Can a non-moderator add this?"),
                ("answer", "No."),
            ],
            "0",
        )
        .await;
    assert_private(&body);
    assert!(content(&body).contains("Only moderators"), "{body:#}");
    assert!(!bot.file("moderators.yaml").exists());

    // In a DM there is no member, hence no permission: refused even for a server manager.
    let body = bot
        .interact_with(|id| {
            let mut dm = support::subcommand_json(id, "faq", "add", &[], MODERATOR);
            let dm_fields = dm.as_object_mut().unwrap();
            dm_fields.remove("guild_id");
            let member = dm_fields.remove("member").unwrap();
            dm_fields.insert("user".into(), member["user"].clone());
            dm_fields.insert("channel_id".into(), json!(support::DM_CHANNEL_ID));
            dm
        })
        .await;
    assert_eq!(body["data"]["flags"], 64, "{body:#}");
    assert_ne!(body["type"], 9, "no form in a DM: {body:#}");
    assert!(content(&body).contains("DM"), "{body:#}");

    let body = bot
        .faq("remove", &[("id", json!("what-is-a-resc"))], "0")
        .await;
    assert!(content(&body).contains("Only moderators"), "{body:#}");
    assert!(bot
        .reopened()
        .matcher()
        .faq()
        .entry("what-is-a-resc")
        .is_some());
    bot.stop().await;
}

// One moderator's session, step by step: each step depends on the one before.
#[allow(clippy::too_many_lines)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_edit_and_remove_through_forms_change_the_files_for_good() {
    let bot = Moderated::start().await;
    let form = bot.faq("add", &[], MODERATOR).await;
    assert_eq!(form["type"], 9, "a form opens: {form:#}");
    assert_eq!(form["data"]["custom_id"], "faqadd");
    let fields: Vec<&str> = form["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["components"][0]["custom_id"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["question", "alternates", "answer", "tags"]);

    let added = bot
        .submit(
            "faqadd",
            &[
                ("question", "How do I book a RESC bus for a field trip?"),
                (
                    "alternates",
                    "Can I rent a RESC bus?\n\nRESC field trip buses",
                ),
                ("answer", "Call the transportation office of your RESC."),
                ("tags", "transport, trips"),
            ],
            MODERATOR,
        )
        .await;
    assert_private(&added);
    let text = content(&added);
    assert!(text.contains("moderators.yaml"), "{text}");
    let id = text.split('`').nth(1).expect("the id is named").to_owned();
    let file = std::fs::read_to_string(bot.file("moderators.yaml")).unwrap();
    assert!(file.contains(&format!("id: {id}")), "{file}");
    assert!(file.contains("Can I rent a RESC bus?"), "{file}");
    let answer = bot.ask("Can I rent a RESC bus?").await;
    assert_eq!(
        answer["data"]["embeds"][0]["title"],
        "How do I book a RESC bus for a field trip?"
    );

    let form = bot.faq("edit", &[("id", json!(id))], MODERATOR).await;
    assert_eq!(form["type"], 9, "{form:#}");
    assert_eq!(form["data"]["custom_id"], format!("faqedit:{id}"));
    assert_eq!(
        form["data"]["components"][2]["components"][0]["value"],
        "Call the transportation office of your RESC."
    );
    let edited = bot
        .submit(
            &format!("faqedit:{id}"),
            &[
                ("question", "How do I book a RESC bus for a field trip?"),
                ("alternates", "Can I rent a RESC bus?"),
                ("answer", "Email the transportation office of your RESC."),
                ("tags", "transport"),
            ],
            MODERATOR,
        )
        .await;
    assert!(content(&edited).starts_with("Updated"), "{edited:#}");
    let file = std::fs::read_to_string(bot.file("moderators.yaml")).unwrap();
    assert!(file.contains("Email the transportation office"), "{file}");
    assert!(!file.contains("Call the transportation office"), "{file}");
    let after_restart = bot.reopened();
    assert_eq!(
        after_restart
            .matcher()
            .faq()
            .entry(&id)
            .unwrap()
            .answer
            .trim(),
        "Email the transportation office of your RESC."
    );

    // An edit the engine refuses writes nothing and says why.
    let refused = bot
        .submit(
            &format!("faqedit:{id}"),
            &[("question", ""), ("answer", "")],
            MODERATOR,
        )
        .await;
    assert_private(&refused);
    assert!(
        content(&refused).starts_with("Nothing was changed"),
        "{refused:#}"
    );
    assert_eq!(
        std::fs::read_to_string(bot.file("moderators.yaml")).unwrap(),
        file
    );

    let removed = bot.faq("remove", &[("id", json!(id))], MODERATOR).await;
    assert!(content(&removed).starts_with("Removed"), "{removed:#}");
    assert!(bot.reopened().matcher().faq().entry(&id).is_none());

    let history = bot.faq("history", &[("limit", json!(5))], MODERATOR).await;
    let text = content(&history);
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].contains("removed") && lines[0].contains("user4"),
        "{text}"
    );
    assert!(lines[2].contains("added"), "{text}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unanswered_questions_and_thumbs_down_can_become_alternates() {
    let bot = Moderated::start().await;
    let declined = "How much does the alliance budget cost?";
    let body = bot.ask(declined).await;
    assert!(content(&body).contains("not sure"), "{body:#}");

    let answer = bot.ask("Who leads LEARN?").await;
    let title = answer["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap()
        .to_owned();
    let down = buttons(&answer["data"])
        .into_iter()
        .map(|(id, _)| id)
        .find(|id| id.starts_with("fb:down:"))
        .expect("a 👎 button");
    let thanks = bot
        .interact_with(|id| {
            support::button_on_json(id, &down, support::answer_message_json("8", &title), MEMBER)
        })
        .await;
    assert_private(&thanks);
    assert_eq!(content(&thanks), "Thanks for the feedback");

    let list = bot
        .faq("unanswered", &[("days", json!(7))], MODERATOR)
        .await;
    assert_private(&list);
    let text = content(&list);
    let line = text
        .lines()
        .find(|l| l.contains("how much does the alliance budget cost"))
        .unwrap_or_else(|| panic!("the declined question is listed: {text}"));
    assert!(
        text.lines()
            .any(|l| l.contains(&title.to_lowercase().replace('?', "")) && l.contains("👎")),
        "the 👎 is listed: {text}"
    );
    let number = line.split('.').next().unwrap();
    let (custom_id, label) = buttons(&list["data"])
        .into_iter()
        .find(|(_, label)| label.starts_with(&format!("{number}. Add as alternate of ")))
        .expect("a button for the declined question");
    let entry = label.rsplit(' ').next().unwrap().to_owned();

    let refused = bot
        .interact_with(|id| {
            support::button_on_json(
                id,
                &custom_id,
                support::answer_message_json("9", ""),
                MEMBER,
            )
        })
        .await;
    assert!(content(&refused).contains("Only moderators"), "{refused:#}");

    let added = bot
        .interact_with(|id| {
            support::button_on_json(
                id,
                &custom_id,
                support::answer_message_json("9", ""),
                MODERATOR,
            )
        })
        .await;
    assert_private(&added);
    assert!(content(&added).contains(&format!("`{entry}`")), "{added:#}");
    let now = bot.ask(declined).await;
    let expected = bot
        .reopened()
        .matcher()
        .faq()
        .entry(&entry)
        .unwrap()
        .question
        .clone();
    assert_eq!(
        now["data"]["embeds"][0]["title"],
        json!(expected),
        "{now:#}"
    );

    let stats = bot.faq("stats", &[], MODERATOR).await;
    assert!(
        content(&stats).contains("Last 7 days: 3 questions"),
        "{stats:#}"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thumbs_down_on_a_mention_records_the_question_as_asked() {
    let bot = Moderated::start().await;
    let asked = support::guild_message_json(
        "40",
        support::USER_ID,
        "<@1> who is the leader of LEARN?",
        &[BOT_ID],
    );
    bot.fake.dispatch("MESSAGE_CREATE", asked.clone()).await;
    let reply = bot
        .fake
        .wait_request(
            "POST",
            &format!("/channels/{}/messages", support::CHANNEL_ID),
        )
        .await;
    let title = reply["embeds"][0]["title"].as_str().expect("answered");
    let down = buttons(&reply)
        .into_iter()
        .map(|(id, _)| id)
        .find(|id| id.starts_with("fb:down:"))
        .expect("a 👎 button");
    let mut message = support::answer_message_json("41", title);
    message["referenced_message"] = asked;
    let thanks = bot
        .interact_with(|id| support::button_on_json(id, &down, message, MEMBER))
        .await;
    assert_eq!(content(&thanks), "Thanks for the feedback");
    let list = bot.faq("unanswered", &[], MODERATOR).await;
    assert!(
        content(&list).contains("who is the leader of learn (×1, 👎 1)"),
        "{list:#}"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entry_ids_autocomplete_from_the_files_only() {
    let bot = Moderated::start().await;
    let body = bot
        .interact_with(|id| {
            support::subcommand_autocomplete_json(id, "faq", "edit", "id", "alliance")
        })
        .await;
    assert_eq!(body["type"], 8, "{body:#}");
    let values: Vec<&str> = body["data"]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert!(values.contains(&"what-is-the-resc-alliance"), "{values:?}");
    let store = bot.reopened();
    let matcher = store.matcher();
    for id in &values {
        let entry = matcher.faq().entry(id).unwrap();
        assert!(
            matches!(entry.origin, rescbot::faq::Origin::File { .. }),
            "{id} is not written in a file"
        );
    }
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_delivered_five_times_adds_one_entry() {
    let bot = Moderated::start().await;
    let submission = support::modal_json(
        "777",
        "faqadd",
        &[
            ("question", "Where do I park at the RESC office?"),
            ("answer", "Ask your RESC's front desk."),
        ],
        MODERATOR,
    );
    for _ in 0..5 {
        bot.fake
            .dispatch("INTERACTION_CREATE", submission.clone())
            .await;
    }
    let replies = bot
        .fake
        .wait_for("five replies", |reqs| {
            let replies: Vec<String> = reqs
                .iter()
                .filter(|r| r.method == "POST" && r.path == "/interactions/777/tok/callback")
                .map(|r| content(&r.body).to_owned())
                .collect();
            (replies.len() == 5).then_some(replies)
        })
        .await;
    assert_eq!(
        replies.iter().filter(|r| r.starts_with("Added")).count(),
        1,
        "{replies:#?}"
    );
    assert_eq!(
        replies
            .iter()
            .filter(|r| r.contains("already submitted"))
            .count(),
        4,
        "{replies:#?}"
    );
    let file = std::fs::read_to_string(bot.file("moderators.yaml")).unwrap();
    assert_eq!(
        file.matches("Where do I park at the RESC office?").count(),
        1,
        "{file}"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_user_rates_an_answer_once() {
    let bot = Moderated::start().await;
    let title = "Who leads LEARN?";
    let mut replies = Vec::new();
    for _ in 0..3 {
        let message = support::answer_message_json("42", title);
        let thanks = bot
            .interact_with(|id| support::button_on_json(id, "fb:down:resc-learn", message, MEMBER))
            .await;
        replies.push(content(&thanks).to_owned());
    }
    assert_eq!(replies[0], "Thanks for the feedback");
    assert!(
        replies[1..].iter().all(|r| r.contains("already rated")),
        "{replies:?}"
    );
    let list = bot.faq("unanswered", &[], MODERATOR).await;
    assert!(content(&list).contains("👎 1)"), "{list:#}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_buttons_and_forms_get_a_reply() {
    let bot = Moderated::start().await;
    for custom_id in ["retired:7", "fb:sideways:x"] {
        let reply = bot
            .interact_with(|id| {
                support::button_on_json(
                    id,
                    custom_id,
                    support::answer_message_json("43", "x"),
                    MEMBER,
                )
            })
            .await;
        assert_private(&reply);
        assert!(content(&reply).contains("older version"), "{reply:#}");
    }
    let reply = bot
        .submit("oldform", &[("question", "Q?")], MODERATOR)
        .await;
    assert_private(&reply);
    assert!(content(&reply).contains("older version"), "{reply:#}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_source_reports_the_page_and_only_a_moderator_can_import_its_leaders() {
    let pages = tempfile::tempdir().unwrap();
    let page = pages.path().join("about-us.txt");
    let today = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/about-us.txt"),
    )
    .unwrap();
    std::fs::write(&page, today.replace("Kate Ericson", "Jane Q. Doe")).unwrap();
    let source = page.to_str().unwrap().to_owned();
    let bot = Moderated::start_with(|c| c.source_url = Some(source)).await;

    let deferred = bot.faq("check-source", &[], MODERATOR).await;
    assert_eq!(deferred["type"], 5, "the reply is deferred: {deferred:#}");
    assert_eq!(deferred["data"]["flags"], 64, "and private: {deferred:#}");
    let report = bot
        .fake
        .wait_request("POST", &format!("/webhooks/{BOT_ID}/tok"))
        .await;
    let text = report["content"].as_str().unwrap_or_default();
    assert!(
        text.contains("changed leader: LEARN is led by Jane Q. Doe"),
        "{report:#}"
    );
    let button = &report["components"][0]["components"][0];
    assert_eq!(button["custom_id"], "importleaders", "{report:#}");
    assert_eq!(button["label"], "Import leaders");

    let directory = bot.file("directory.yaml");
    let before = std::fs::read_to_string(&directory).unwrap();
    let refused = bot
        .interact_with(|id| {
            support::button_on_json(
                id,
                "importleaders",
                support::answer_message_json("90", "x"),
                MEMBER,
            )
        })
        .await;
    assert_private(&refused);
    assert!(content(&refused).contains("Only moderators"), "{refused:#}");
    assert_eq!(std::fs::read_to_string(&directory).unwrap(), before);

    let imported = bot
        .interact_with(|id| {
            support::button_on_json(
                id,
                "importleaders",
                support::answer_message_json("91", "x"),
                MODERATOR,
            )
        })
        .await;
    assert!(
        content(&imported).contains("Kate Ericson replaced by Jane Q. Doe"),
        "{imported:#}"
    );
    let answer = bot.ask("who leads LEARN?").await;
    assert!(
        answer["data"]["embeds"][0]["description"]
            .as_str()
            .unwrap_or_default()
            .contains("Jane Q. Doe"),
        "{answer:#}"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_check_posts_what_differs_to_the_log_channel() {
    let pages = tempfile::tempdir().unwrap();
    let page = pages.path().join("about-us.txt");
    let today = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/about-us.txt"),
    )
    .unwrap();
    std::fs::write(&page, today.replace("July 2021", "June 2022")).unwrap();
    let source = page.to_str().unwrap().to_owned();
    let bot = Moderated::start_with(|c| {
        c.source_url = Some(source);
        c.source_check_hours = 24;
    })
    .await;
    let posted = bot
        .fake
        .wait_for("the check in the log channel", |reqs| {
            reqs.iter()
                .filter(|r| {
                    r.method == "POST" && r.path == format!("/channels/{LOG_CHANNEL}/messages")
                })
                .map(|r| r.body["content"].as_str().unwrap_or_default().to_owned())
                .find(|c| c.contains("differs"))
        })
        .await;
    assert!(
        posted.contains("date not in any answer: June 2022"),
        "{posted}"
    );
    bot.stop().await;
}
