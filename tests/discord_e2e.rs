//! The Discord front end end to end: the real serenity/poise client against the fake Discord
//! in `support`, asserting on the REST requests the bot makes.
#![cfg(feature = "discord")]

mod common;
mod support;

use std::sync::Arc;

use poise::serenity_prelude as serenity;
use rescbot::config::DiscordConfig;
use rescbot::{Matcher, Outcome};
use serde_json::{json, Value};
use support::{
    assert_no_pings, button_ids, description, served, title, Bot, FakeDiscord, BOT_ID,
    DM_CHANNEL_ID, USER_ID,
};

fn matcher() -> Arc<Matcher> {
    common::shared_shipped_matcher()
}

fn expected_answer(question: &str) -> (String, String) {
    match matcher().ask(question).outcome {
        Outcome::Answered {
            question, answer, ..
        } => (question, answer),
        other => panic!("the engine should answer {question:?}, got {other:?}"),
    }
}

#[test]
fn fake_payloads_are_what_serenity_reads() {
    use serenity::Interaction;
    let slash: Interaction =
        serde_json::from_value(support::slash_json("7", "ask", &[("question", "hi")])).unwrap();
    assert!(matches!(slash, Interaction::Command(_)));
    let auto: Interaction =
        serde_json::from_value(support::autocomplete_json("7", "ask", "question", "wh")).unwrap();
    assert!(matches!(auto, Interaction::Autocomplete(_)));
    let button: Interaction =
        serde_json::from_value(support::button_json("7", "faq:what-is-a-resc")).unwrap();
    assert!(matches!(button, Interaction::Component(_)));
    let message: serenity::Message = serde_json::from_value(support::guild_message_json(
        "8",
        USER_ID,
        "<@1> hi",
        &[BOT_ID],
    ))
    .unwrap();
    assert_eq!(message.mentions[0].id.get(), 1);
    let _: serenity::Message = serde_json::from_value(support::message_json(
        "8",
        DM_CHANNEL_ID,
        USER_ID,
        "hi",
        &[],
    ))
    .unwrap();
    let thread: serenity::GuildChannel =
        serde_json::from_value(support::thread_json("61", "60")).unwrap();
    assert_eq!(thread.parent_id.map(serenity::ChannelId::get), Some(60));
    let ready: serenity::Ready =
        serde_json::from_value(support::ready_json("ws://127.0.0.1:1")).unwrap();
    assert_eq!(ready.user.id.get(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_are_registered_globally_in_one_bulk_overwrite() {
    let bot = Bot::started().await;
    let body = bot
        .fake
        .wait_request("PUT", &format!("/applications/{BOT_ID}/commands"))
        .await;
    let names: Vec<&str> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["ask", "leaders", "leader", "resc", "topics", "help", "faq"]
    );
    let ask = &body[0];
    assert_eq!(ask["options"][0]["name"], "question");
    assert_eq!(ask["options"][0]["type"], 3);
    assert_eq!(ask["options"][0]["required"], true);
    assert_eq!(ask["options"][0]["autocomplete"], true);
    assert!(!ask["description"].as_str().unwrap().is_empty());
    assert_eq!(body[2]["options"][0]["name"], "resc");
    assert_eq!(body[3]["options"][0]["name"], "name");
    let requests = bot.stop().await;
    let puts = requests.iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_are_registered_in_each_configured_guild() {
    let bot = Bot::start(DiscordConfig {
        guilds: vec![42, 43],
        ..DiscordConfig::default()
    })
    .await;
    for guild in [42, 43] {
        let body = bot
            .fake
            .wait_request(
                "PUT",
                &format!("/applications/{BOT_ID}/guilds/{guild}/commands"),
            )
            .await;
        assert_eq!(body.as_array().unwrap().len(), 7);
    }
    let requests = bot.stop().await;
    assert_eq!(requests.iter().filter(|r| r.method == "PUT").count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_answers_a_known_question_with_an_embed() {
    let bot = Bot::started().await;
    let body = bot
        .slash("10", "ask", &[("question", "Who leads LEARN?")])
        .await;
    let (question, answer) = expected_answer("Who leads LEARN?");
    assert_eq!(body["type"], 4);
    let embed = &body["data"]["embeds"][0];
    assert_eq!(embed["title"], json!(question));
    assert_eq!(embed["description"], json!(answer.trim_end()));
    assert_eq!(
        embed["footer"]["text"],
        json!(DiscordConfig::default().source)
    );
    assert_ne!(body["data"]["flags"], 64, "an answer is public");
    let ids = button_ids(&body["data"]);
    let (feedback, related): (Vec<_>, Vec<_>) = ids.iter().partition(|id| id.starts_with("fb:"));
    assert!(related.len() <= 3);
    assert!(related.iter().all(|id| id.starts_with("faq:")));
    let Outcome::Answered { id, .. } = matcher().ask("Who leads LEARN?").outcome else {
        panic!("answered above")
    };
    assert_eq!(feedback, [&format!("fb:up:{id}"), &format!("fb:down:{id}")]);
    assert_no_pings(&body["data"]);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_declines_with_suggestions_and_a_click_answers() {
    let bot = Bot::started().await;
    let question = "What is the airspeed velocity of an unladen swallow?";
    assert!(!matcher().ask(question).answered());
    let body = bot.slash("11", "ask", &[("question", question)]).await;
    let data = &body["data"];
    assert!(
        data["content"].as_str().unwrap().contains("not sure"),
        "{data:#}"
    );
    assert!(data["embeds"].as_array().map_or(true, Vec::is_empty));
    let ids = button_ids(data);
    assert!((1..=3).contains(&ids.len()), "{data:#}");
    assert_no_pings(data);

    let entry = ids[0].strip_prefix("faq:").unwrap().to_owned();
    let click = bot
        .interact("12", support::button_json("12", &ids[0]))
        .await;
    assert_eq!(click["type"], 4);
    assert_eq!(click["data"]["flags"], 64, "only the clicker sees it");
    let expected = matcher().faq().entry(&entry).unwrap().question.clone();
    assert_eq!(click["data"]["embeds"][0]["title"], json!(expected));
    assert_no_pings(&click["data"]);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_the_likeliest_questions_first() {
    let bot = Bot::started().await;
    let body = bot
        .interact(
            "13",
            support::autocomplete_json("13", "ask", "question", "who leads learn"),
        )
        .await;
    assert_eq!(body["type"], 8);
    let choices = body["data"]["choices"].as_array().unwrap();
    assert!(!choices.is_empty() && choices.len() <= 25);
    let best = matcher().ask("who leads learn").candidates[0]
        .question
        .clone();
    assert_eq!(choices[0]["name"], json!(best));

    let empty = bot
        .interact(
            "14",
            support::autocomplete_json("14", "ask", "question", ""),
        )
        .await;
    let choices = empty["data"]["choices"].as_array().unwrap();
    assert!(!choices.is_empty() && choices.len() <= 25);

    let resc = bot
        .interact(
            "15",
            support::autocomplete_json("15", "leader", "resc", "ea"),
        )
        .await;
    assert_eq!(resc["data"]["choices"][0]["value"], "EASTCONN");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaders_leader_and_resc_describe_the_rescs() {
    let bot = Bot::started().await;
    let matcher = matcher();
    let faq = matcher.faq();

    let body = bot.slash("20", "leaders", &[]).await;
    let fields = body["data"]["embeds"][0]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), faq.rescs.len());
    for (field, resc) in fields.iter().zip(&faq.rescs) {
        assert!(field["name"].as_str().unwrap().starts_with(&resc.name));
        let leader = resc.leader.as_ref().unwrap().display_name();
        assert!(field["value"].as_str().unwrap().contains(&leader));
    }
    assert_no_pings(&body["data"]);

    let learn = faq.resc("LEARN").unwrap();
    let body = bot.slash("21", "leader", &[("resc", "LEARN")]).await;
    let embed = &body["data"]["embeds"][0];
    assert!(embed["title"].as_str().unwrap().starts_with("LEARN"));
    let leader = learn.leader.as_ref().unwrap().display_name();
    assert!(embed["description"].as_str().unwrap().contains(&leader));

    let aces = faq.resc("ACES").unwrap();
    let body = bot.slash("22", "resc", &[("name", "ACES")]).await;
    let embed = &body["data"]["embeds"][0];
    assert!(embed["title"]
        .as_str()
        .unwrap()
        .contains(aces.full_name.as_deref().unwrap()));
    assert_eq!(embed["fields"][0]["name"], "Leader");
    assert!(!button_ids(&body["data"]).is_empty());

    let body = bot.slash("23", "resc", &[("name", "Nowhere")]).await;
    assert_eq!(body["data"]["flags"], 64);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn topics_and_help() {
    let bot = Bot::started().await;
    let body = bot.slash("30", "topics", &[]).await;
    let fields = body["data"]["embeds"][0]["fields"].as_array().unwrap();
    let tags: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
    for (tag, _) in matcher().faq().topics() {
        assert!(tags.contains(&tag.as_str()), "{tag} missing from {tags:?}");
    }
    // Paging buttons (shown when the topics need more than one embed) redraw the message.
    let page = bot
        .interact("32", support::button_json("32", "topics:0"))
        .await;
    assert_eq!(page["type"], 7);
    assert_eq!(page["data"]["embeds"][0]["fields"], json!(fields));
    assert_no_pings(&page["data"]);

    let body = bot.slash("31", "help", &[]).await;
    assert_eq!(body["data"]["flags"], 64);
    assert!(body["data"]["content"].as_str().unwrap().contains("/ask"));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mentions_and_dms_are_answered_as_replies() {
    let bot = Bot::started().await;
    let (question, _) = expected_answer("who leads LEARN?");
    let reply = bot
        .message(support::guild_message_json(
            "40",
            USER_ID,
            "<@1> who leads LEARN?",
            &[BOT_ID],
        ))
        .await;
    assert_eq!(reply["embeds"][0]["title"], json!(question));
    assert_no_pings(&reply);

    let reply = bot
        .message(support::message_json(
            "41",
            DM_CHANNEL_ID,
            "5",
            "who leads LEARN?",
            &[],
        ))
        .await;
    assert_eq!(reply["embeds"][0]["title"], json!(question));

    let hint = bot
        .message(support::guild_message_json("42", "6", "<@!1>", &[BOT_ID]))
        .await;
    assert!(hint["content"].as_str().unwrap().contains("/ask"));
    assert!(hint["embeds"].as_array().map_or(true, Vec::is_empty));

    let long = format!("<@1> {}", "why ".repeat(400));
    let refusal = bot
        .message(support::guild_message_json("43", "7", &long, &[BOT_ID]))
        .await;
    assert!(refusal["content"].as_str().unwrap().contains("characters"));
    assert_no_pings(&refusal);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_and_role_mentions_in_a_question_ping_no_one() {
    let bot = Bot::started().await;
    let reply = bot
        .message(support::guild_message_json(
            "50",
            USER_ID,
            "<@1> @everyone <@&77> @here who leads LEARN?",
            &[BOT_ID],
        ))
        .await;
    assert_no_pings(&reply);
    assert!(!reply.to_string().contains("@everyone"));
    let (question, _) = expected_answer("who leads LEARN?");
    assert_eq!(reply["embeds"][0]["title"], json!(question));

    let body = bot
        .slash(
            "51",
            "ask",
            &[("question", "@everyone <@&77> what is a RESC?")],
        )
        .await;
    assert_no_pings(&body["data"]);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_over_long_question_is_refused_privately() {
    let bot = Bot::started().await;
    let long = "why ".repeat(400);
    let body = bot.slash("60", "ask", &[("question", &long)]).await;
    assert_eq!(body["type"], 4);
    assert_eq!(body["data"]["flags"], 64);
    assert!(body["data"]["content"]
        .as_str()
        .unwrap()
        .contains("characters"));
    assert!(body["data"]["embeds"]
        .as_array()
        .map_or(true, Vec::is_empty));
    assert_no_pings(&body["data"]);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_reconnects_when_discord_closes_the_gateway() {
    let bot = Bot::started().await;
    bot.fake.drop_gateway();
    bot.fake.wait_sessions(2).await;
    let body = bot
        .slash("70", "ask", &[("question", "Who leads LEARN?")])
        .await;
    let (question, _) = expected_answer("Who leads LEARN?");
    assert_eq!(body["data"]["embeds"][0]["title"], json!(question));
    bot.stop().await;
}

#[test]
fn serve_without_a_token_says_how_to_get_one() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rescbot"))
        .arg("serve")
        .env_remove("DISCORD_TOKEN")
        .env_remove("DISCORD_TOKEN_FILE")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run rescbot");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DISCORD_TOKEN"), "{stderr}");
    assert!(stderr.contains("Bot tab"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn the_token_file_is_read_and_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing-token");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rescbot"))
        .arg("serve")
        .env_remove("DISCORD_TOKEN")
        .env("DISCORD_TOKEN_FILE", &missing)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run rescbot");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DISCORD_TOKEN_FILE"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_connects_through_the_proxy_and_stops_on_sigterm_without_leaking_the_token() {
    const TOKEN: &str = "secret-token-that-must-not-leak";
    let fake = FakeDiscord::start().await;
    // A file, not a pipe: a debug log could fill a pipe nobody reads yet and stall the bot.
    let log = tempfile::NamedTempFile::new().unwrap();
    // The question records go to a temporary folder, never into the repository.
    let data = tempfile::tempdir().unwrap();
    let config = data.path().join("rescbot.yaml");
    let db = data.path().join("rescbot.db");
    std::fs::write(&config, format!("records:\n  path: {}\n", db.display())).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rescbot"))
        .args(["--config", config.to_str().unwrap()])
        .args(["serve", "--api-proxy", &fake.api_url])
        .env("DISCORD_TOKEN", TOKEN)
        .env("RUST_LOG", "debug")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("no_proxy", "127.0.0.1,localhost")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::null())
        .stderr(log.reopen().unwrap())
        .spawn()
        .expect("run rescbot serve");
    fake.wait_request("PUT", &format!("/applications/{BOT_ID}/commands"))
        .await;
    fake.wait_sessions(1).await;
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let pid = child.id().to_string();
    let waited = tokio::time::timeout(
        support::WAIT,
        tokio::task::spawn_blocking(move || child.wait()),
    )
    .await;
    let Ok(status) = waited else {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid])
            .status();
        panic!("rescbot did not stop after SIGTERM");
    };
    let status = status.unwrap().unwrap();
    let stderr = std::fs::read_to_string(log.path()).unwrap();
    assert!(status.success(), "{stderr}");
    assert!(!stderr.contains(TOKEN), "the token leaked into the log");
    assert!(stderr.contains("shutting down"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_stops_with_an_error_when_discord_refuses_its_commands() {
    support::no_proxy();
    let fake = FakeDiscord::start().await;
    fake.refuse_commands();
    let api = fake.api_url.clone();
    let run = rescbot::discord::run(
        "fake-token",
        served(),
        DiscordConfig::default(),
        Some(&api),
        std::future::pending(),
    );
    let result = tokio::time::timeout(support::WAIT, run)
        .await
        .expect("the bot stops by itself");
    let error = format!("{:#}", result.expect_err("registration failed"));
    assert!(error.contains("register"), "{error}");
    assert!(!error.contains("fake-token"), "{error}");
}

/// Another process (a backup, someone in `sqlite3`) holding the records database's write lock
/// must not hold up answers: recording waits for nobody, and answers arrive well inside
/// Discord's 3 s.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_arrive_while_another_process_locks_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rescbot.db");
    let recorder = Arc::new(rescbot::records::Recorder::open(&db).unwrap());
    let lock = rusqlite::Connection::open(&db).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE; INSERT INTO questions (asked_at, question, source) VALUES (0, 'held', 'dm');")
        .unwrap();
    let mut served = served();
    served.recorder = Arc::clone(&recorder);
    let bot = Bot::started_with(served).await;
    for i in 0..5 {
        let asked = std::time::Instant::now();
        let body = bot
            .slash(
                &format!("70{i}"),
                "ask",
                &[("question", "Who leads LEARN?")],
            )
            .await;
        let took = asked.elapsed();
        assert!(
            took < std::time::Duration::from_secs(1),
            "answer {i} took {took:?} while the records were locked"
        );
        assert_eq!(
            body["data"]["embeds"][0]["title"],
            json!(expected_answer("Who leads LEARN?").0)
        );
    }
    lock.execute_batch("ROLLBACK").unwrap();
    bot.stop().await;
    recorder.flush();
    assert_eq!(
        recorder.stats(1).unwrap().asked,
        5,
        "the records are written once the lock is gone"
    );
}

/// A bot whose conversation contexts run on a clock the test moves, with `/ask` from any user.
struct Chatty {
    bot: Bot,
    clock: Arc<rescbot::conversation::ManualClock>,
    next: std::sync::atomic::AtomicU64,
}

impl Chatty {
    async fn start() -> Self {
        let clock = Arc::new(rescbot::conversation::ManualClock::default());
        let mut served = served();
        served.conversations = Arc::new(rescbot::conversation::Conversations::new(
            std::time::Duration::from_secs(600),
            1000,
            clock.clone(),
        ));
        let bot = Bot::started_with(served).await;
        Self {
            bot,
            clock,
            next: std::sync::atomic::AtomicU64::new(900),
        }
    }

    /// `/ask question` from `user` in the server channel; the body of the response.
    async fn ask(&self, user: &str, question: &str) -> Value {
        let id = self
            .next
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            .to_string();
        let mut interaction = support::slash_json(&id, "ask", &[("question", question)]);
        interaction["member"]["user"]["id"] = json!(user);
        self.bot.interact(&id, interaction).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_is_read_against_the_askers_last_question_and_says_so() {
    let chat = Chatty::start().await;
    chat.ask("11", "who leads ACES?").await;
    let body = chat.ask("11", "and CREC?").await;
    assert_eq!(title(&body), "Who leads CREC?", "{body:#}");
    assert!(description(&body).contains("Florio"), "{body:#}");
    chat.bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_follow_up_from_two_people_gets_each_their_own_answer() {
    let chat = Chatty::start().await;
    chat.ask("21", "who leads LEARN?").await;
    chat.ask("22", "who leads EASTCONN?").await;
    let first = description(&chat.ask("21", "full name?").await);
    let second = description(&chat.ask("22", "full name?").await);
    assert!(
        first.contains("Kate Ericson") && !first.contains("Protulis"),
        "{first}"
    );
    assert!(
        second.contains("Eric Protulis") && !second.contains("Ericson"),
        "{second}"
    );
    // Someone who asked nothing before gets neither person's answer.
    let third = chat.ask("23", "full name?").await;
    let text = third.to_string();
    assert!(
        !text.contains("Ericson") && !text.contains("Protulis"),
        "{third:#}"
    );
    chat.bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_context_expires() {
    let chat = Chatty::start().await;
    chat.ask("31", "who leads LEARN?").await;
    assert!(description(&chat.ask("31", "full name?").await).contains("Kate Ericson"));
    chat.clock.advance(std::time::Duration::from_secs(11 * 60));
    let late = chat.ask("31", "full name?").await;
    assert!(!late.to_string().contains("Ericson"), "{late:#}");
    chat.bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn greetings_and_thanks_get_a_friendly_reply() {
    let chat = Chatty::start().await;
    let hello = chat.ask("41", "hi!").await;
    let text = hello["data"]["content"].as_str().unwrap_or("").to_owned();
    assert!(text.contains("Ask me"), "{hello:#}");
    assert!(!text.contains("not sure"), "{hello:#}");
    let thanks = chat
        .bot
        .message(support::guild_message_json(
            "4100",
            "41",
            "<@1> thanks!",
            &[BOT_ID],
        ))
        .await;
    let text = thanks["content"].as_str().unwrap_or("");
    assert!(
        text.contains("welcome") && !text.contains("not sure"),
        "{thanks:#}"
    );
    chat.bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_near_miss_naming_a_resc_suggests_that_resc_first() {
    let chat = Chatty::start().await;
    let body = chat.ask("51", "what's LEARN's fax number?").await;
    let buttons = button_ids(&body["data"]);
    assert_eq!(
        buttons.first().map(String::as_str),
        Some("faq:resc-learn"),
        "{body:#}"
    );
    chat.bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_follows_up_an_ask_by_the_same_person_in_the_same_channel() {
    let chat = Chatty::start().await;
    chat.ask("61", "who leads LEARN?").await;
    let reply = chat
        .bot
        .message(support::guild_message_json(
            "6100",
            "61",
            "<@1> full name?",
            &[BOT_ID],
        ))
        .await;
    let text = reply["embeds"][0]["description"].as_str().unwrap_or("");
    assert!(text.contains("Kate Ericson"), "{reply:#}");
    chat.bot.stop().await;
}

/// GETs `path` from the ops listener at `at`: (status, body).
async fn ops_get(at: std::net::SocketAddr, path: &str) -> (u16, String) {
    let response = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(format!("http://{at}{path}"))
        .send()
        .await
        .expect("the ops listener answers");
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Runs `rescbot health` against the ops listener at `at`: (exit code, what it printed).
async fn health_command(at: std::net::SocketAddr) -> (Option<i32>, String) {
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_rescbot"))
        .args(["health", &format!("http://{at}/healthz")])
        .output()
        .await
        .expect("rescbot runs");
    let mut printed = String::from_utf8_lossy(&output.stdout).into_owned();
    printed.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.code(), printed)
}

/// Asks `path` until `done` holds for its answer (the Gateway's state is read every second).
async fn ops_until(
    at: std::net::SocketAddr,
    path: &str,
    done: impl Fn(u16, &str) -> bool,
) -> (u16, String) {
    let deadline = tokio::time::Instant::now() + support::WAIT;
    loop {
        let (status, body) = ops_get(at, path).await;
        if done(status, &body) {
            return (status, body);
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{path} stayed {status}: {body}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_and_metrics_follow_the_questions_and_the_gateway() {
    let clock = Arc::new(rescbot::conversation::ManualClock::default());
    let mut served = served();
    let ops = Arc::new(rescbot::ops::Ops::with_clock(
        Arc::clone(&served.store),
        Arc::clone(&served.recorder),
        Arc::clone(&clock) as Arc<dyn rescbot::conversation::Clock>,
    ));
    served.ops = Arc::clone(&ops);
    let (listener, at) = rescbot::ops::bind("127.0.0.1:0").await.unwrap();
    let listening = tokio::spawn(rescbot::ops::serve(listener, Arc::clone(&ops)));
    let (status, body) = ops_get(at, "/healthz").await;
    assert_eq!(status, 503, "not connected yet: {body}");
    assert!(body.contains("not connected"), "{body}");

    let bot = Bot::started_with(served).await;
    let (_, body) = ops_until(at, "/healthz", |status, _| status == 200).await;
    assert_eq!(body, "ok\n");
    let (code, out) = health_command(at).await;
    assert_eq!(code, Some(0), "{out}");

    bot.slash("701", "ask", &[("question", "What is a RESC?")])
        .await;
    bot.slash(
        "702",
        "ask",
        &[("question", "Where can I buy a used tractor?")],
    )
    .await;
    bot.slash("703", "ask", &[("question", "thanks!")]).await;
    let entries = matcher().faq().entries.len();
    let expected = [
        "rescbot_questions_total{outcome=\"answered\"} 1".to_owned(),
        "rescbot_questions_total{outcome=\"declined\"} 1".to_owned(),
        "rescbot_questions_total{outcome=\"smalltalk\"} 1".to_owned(),
        "rescbot_questions_total{outcome=\"error\"} 0".to_owned(),
        "rescbot_answer_duration_seconds_count 3".to_owned(),
        format!("rescbot_faq_entries {entries}"),
        "rescbot_faq_reloads_total{result=\"ok\"} 0".to_owned(),
        "rescbot_gateway_connected 1".to_owned(),
        "rescbot_records_dropped_total 0".to_owned(),
    ];
    // Read until every figure shows: on a loaded machine a figure has lagged behind the
    // replies. A figure that never shows fails with the whole page.
    let (status, _) = ops_until(at, "/metrics", |_, body| {
        expected.iter().all(|line| body.lines().any(|l| l == line))
    })
    .await;
    assert_eq!(status, 200);

    // Discord goes away: healthy for a minute (the client is usually back in seconds), then not.
    bot.fake.refuse_gateway();
    bot.fake.drop_gateway();
    ops_until(at, "/metrics", |_, body| {
        body.lines().any(|l| l == "rescbot_gateway_connected 0")
    })
    .await;
    assert_eq!(ops_get(at, "/healthz").await.0, 200, "within the grace");
    clock.advance(std::time::Duration::from_secs(61));
    let (status, body) = ops_get(at, "/healthz").await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("disconnected for 61 s"), "{body}");
    let (code, out) = health_command(at).await;
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("503") && out.contains("disconnected"), "{out}");

    bot.stop.send(()).unwrap();
    let _ = tokio::time::timeout(support::WAIT, bot.task).await;
    listening.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shards_are_what_discord_recommends_or_the_configured_range() {
    let bot = Bot::started().await;
    assert!(
        bot.fake
            .requests()
            .iter()
            .any(|r| r.method == "GET" && r.path == "/gateway/bot"),
        "auto asks Discord how many shards to run"
    );
    assert_eq!(bot.fake.identified_shards(), vec![json!([0, 1])]);
    bot.stop().await;

    // This process runs shard 1 of 3; others run shards 0 and 2.
    let bot = Bot::start(DiscordConfig {
        shards: rescbot::config::Shards::Range {
            first: 1,
            last: 1,
            total: 3,
        },
        ..DiscordConfig::default()
    })
    .await;
    assert_eq!(bot.fake.identified_shards(), vec![json!([1, 3])]);
    bot.stop().await;
}

/// An answer channel and a Forum channel listed in `discord.answer_channels`.
const ANSWERS: &str = "50";
const FORUM: &str = "60";

/// A bot reading the answer channels, with its counters and (optionally) records.
async fn answering_bot(
    config: DiscordConfig,
    served: rescbot::discord::Served,
) -> (Bot, Arc<rescbot::ops::Ops>) {
    let ops = Arc::clone(&served.ops);
    let bot = Bot::start_with(
        DiscordConfig {
            answer_channels: vec![50, 60],
            cooldown_seconds: 0,
            ..config
        },
        served,
    )
    .await;
    (bot, ops)
}

/// Waits until `rescbot_auto_answers_total{result}` reaches `n`.
async fn auto_answers(ops: &rescbot::ops::Ops, result: &str, n: u64) {
    let line = format!("rescbot_auto_answers_total{{result=\"{result}\"}} {n}");
    let deadline = tokio::time::Instant::now() + support::WAIT;
    while !ops.metrics().lines().any(|l| l == line) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no `{line}` in:\n{}",
            ops.metrics()
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// The bot's messages posted in `channel`.
fn posted_in(fake: &FakeDiscord, channel: &str) -> Vec<Value> {
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == format!("/channels/{channel}/messages"))
        .map(|r| r.body)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_channel_gets_sure_answers_in_place_and_nothing_else() {
    let (bot, ops) = answering_bot(DiscordConfig::default(), served()).await;
    let content = support::MESSAGE_CONTENT;
    assert!(bot
        .fake
        .identified_intents()
        .iter()
        .all(|i| i & content != 0));

    let answer = bot
        .message(support::message_in_json(
            "5001",
            ANSWERS,
            USER_ID,
            "Who leads LEARN?",
        ))
        .await;
    assert_eq!(
        message_title(&answer),
        expected_answer("Who leads LEARN?").0
    );
    let buttons = button_ids(&answer);
    assert!(
        buttons.iter().any(|b| b.starts_with("notasked:")),
        "{buttons:?}"
    );
    assert!(
        buttons.iter().any(|b| b.starts_with("fb:up:")),
        "{buttons:?}"
    );
    assert_no_pings(&answer);

    // Not sure: no message at all.
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            support::message_in_json("5002", ANSWERS, USER_ID, "Where can I buy a used tractor?"),
        )
        .await;
    auto_answers(&ops, "silent", 1).await;

    // Two people talking: a reply to the other, small talk, a remark.
    let mut reply = support::message_in_json("5003", ANSWERS, "5", "who leads LEARN now?");
    reply["referenced_message"] =
        support::message_in_json("5001", ANSWERS, USER_ID, "Who leads LEARN?");
    reply["message_reference"] = json!({"message_id": "5001", "channel_id": ANSWERS});
    bot.fake.dispatch("MESSAGE_CREATE", reply).await;
    for (id, text) in [("5004", "thanks!"), ("5005", "LEARN is great")] {
        bot.fake
            .dispatch(
                "MESSAGE_CREATE",
                support::message_in_json(id, ANSWERS, "5", text),
            )
            .await;
    }
    auto_answers(&ops, "talk", 3).await;

    // Bots, webhooks, edits, a second delivery and other channels are left alone.
    let mut from_bot = support::message_in_json("5006", ANSWERS, "7", "What is a RESC?");
    from_bot["author"]["bot"] = json!(true);
    bot.fake.dispatch("MESSAGE_CREATE", from_bot).await;
    let mut hook = support::message_in_json("5007", ANSWERS, "8", "What is a RESC?");
    hook["webhook_id"] = json!("8");
    bot.fake.dispatch("MESSAGE_CREATE", hook).await;
    bot.fake
        .dispatch(
            "MESSAGE_UPDATE",
            support::message_in_json("5001", ANSWERS, USER_ID, "Who leads LEARN, again?"),
        )
        .await;
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            support::message_in_json("5001", ANSWERS, USER_ID, "Who leads LEARN?"),
        )
        .await;
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            support::message_in_json("5008", support::CHANNEL_ID, USER_ID, "What is a RESC?"),
        )
        .await;
    // A last sure question: by the time it is answered, the ones before were handled.
    bot.message(support::message_in_json(
        "5009",
        ANSWERS,
        USER_ID,
        "What is a RESC?",
    ))
    .await;
    assert_eq!(posted_in(&bot.fake, ANSWERS).len(), 2);
    assert!(posted_in(&bot.fake, support::CHANNEL_ID).is_empty());
    auto_answers(&ops, "answered", 2).await;
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_forum_post_is_answered_in_its_thread_and_later_messages_are_not() {
    let (bot, _ops) = answering_bot(DiscordConfig::default(), served()).await;
    bot.fake.add_post("6100", FORUM);
    bot.fake.add_post("6200", FORUM);
    let answer = bot
        .message(support::message_in_json(
            "6100",
            "6100",
            USER_ID,
            "When was the accord signed?",
        ))
        .await;
    assert_eq!(
        message_title(&answer),
        expected_answer("When was the accord signed?").0
    );
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            support::message_in_json("6101", "6100", USER_ID, "And who leads LEARN?"),
        )
        .await;
    // A post in a Forum channel that is not listed is not read.
    bot.fake.add_post("7100", "70");
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            support::message_in_json("7100", "7100", USER_ID, "Who leads LEARN?"),
        )
        .await;
    bot.message(support::message_in_json(
        "6200",
        "6200",
        USER_ID,
        "What is a RESC?",
    ))
    .await;
    assert_eq!(posted_in(&bot.fake, "6100").len(), 1);
    assert!(posted_in(&bot.fake, "7100").is_empty());
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_by_itself_are_limited_per_channel_and_minute() {
    let (bot, ops) = answering_bot(
        DiscordConfig {
            auto_answer_per_minute: 2,
            ..DiscordConfig::default()
        },
        served(),
    )
    .await;
    for (id, question) in [("5101", "Who leads LEARN?"), ("5102", "What is a RESC?")] {
        bot.message(support::message_in_json(id, ANSWERS, USER_ID, question))
            .await;
    }
    bot.fake
        .dispatch(
            "MESSAGE_CREATE",
            support::message_in_json("5103", ANSWERS, USER_ID, "Who leads EASTCONN?"),
        )
        .await;
    auto_answers(&ops, "limited", 1).await;
    assert_eq!(posted_in(&bot.fake, ANSWERS).len(), 2);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_what_i_asked_removes_the_answer_and_records_the_question() {
    let data = tempfile::tempdir().unwrap();
    let recorder =
        Arc::new(rescbot::records::Recorder::open(&data.path().join("rescbot.db")).unwrap());
    let mut served = served();
    served.recorder = Arc::clone(&recorder);
    served.ops = Arc::new(rescbot::ops::Ops::new(
        Arc::clone(&served.store),
        Arc::clone(&recorder),
    ));
    let (bot, ops) = answering_bot(DiscordConfig::default(), served).await;
    let question = support::message_in_json("5201", ANSWERS, USER_ID, "Who leads LEARN?");
    let answer = bot.message(question.clone()).await;
    let entry = button_ids(&answer)
        .into_iter()
        .find_map(|b| b.strip_prefix("notasked:").map(str::to_owned))
        .unwrap();
    let mut posted = support::message_in_json("5299", ANSWERS, BOT_ID, "");
    posted["author"]["bot"] = json!(true);
    posted["referenced_message"] = question;
    let body = bot
        .interact(
            "5202",
            support::button_on_json("5202", &format!("notasked:{entry}"), posted, "0"),
        )
        .await;
    assert_eq!(
        body["data"]["flags"],
        json!(64),
        "only the asker sees the note"
    );
    bot.fake
        .wait_request("DELETE", &format!("/channels/{ANSWERS}/messages/5299"))
        .await;
    auto_answers(&ops, "dismissed", 1).await;
    let stats = recorder.stats(1).unwrap();
    assert_eq!(
        (stats.answered_by_itself, stats.dismissed),
        (1, 1),
        "{stats}"
    );
    assert!(stats
        .to_string()
        .contains("1 answered by the bot itself, 1 marked"));
    let unanswered = recorder.unanswered(1, 10).unwrap();
    assert!(
        unanswered
            .iter()
            .any(|u| u.question.contains("leads learn")),
        "{unanswered:?}"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_message_content_intent_leaves_mentions_dms_and_commands_working() {
    support::no_proxy();
    let fake = FakeDiscord::start().await;
    fake.refuse_message_content();
    let served = served();
    let ops = Arc::clone(&served.ops);
    let config = DiscordConfig {
        answer_channels: vec![50],
        cooldown_seconds: 0,
        ..DiscordConfig::default()
    };
    let bot = Bot::start_on(fake, config, served).await;
    let intents = bot.fake.identified_intents();
    assert_eq!(intents.len(), 2, "{intents:?}");
    assert_ne!(intents[0] & support::MESSAGE_CONTENT, 0);
    assert_eq!(intents[1] & support::MESSAGE_CONTENT, 0);
    // Healthy once the Gateway is seen connected, and saying what is off and why.
    let deadline = tokio::time::Instant::now() + support::WAIT;
    let health = loop {
        match ops.health() {
            Ok(body) => break body,
            Err(why) => assert!(tokio::time::Instant::now() < deadline, "{why}"),
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert!(
        health.contains("Message Content") && health.contains("4014"),
        "{health}"
    );

    let answer = bot
        .message(support::guild_message_json(
            "5301",
            USER_ID,
            "<@1> who leads LEARN?",
            &[BOT_ID],
        ))
        .await;
    assert_eq!(
        message_title(&answer),
        expected_answer("who leads LEARN?").0
    );
    let body = bot
        .slash("5302", "ask", &[("question", "What is a RESC?")])
        .await;
    assert_eq!(body["type"], json!(4));
    bot.stop().await;
}

/// The title of the embed in a message the bot posted.
fn message_title(body: &Value) -> String {
    body["embeds"][0]["title"].as_str().unwrap_or("").to_owned()
}
