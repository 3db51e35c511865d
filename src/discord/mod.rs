//! The Discord front end: slash commands, mentions and DMs, answered by the same engine as
//! the terminal.
//!
//! This layer stays thin: it turns Discord events into questions for the matcher the
//! [`FaqStore`] is answering with at that moment, and the engine's plain data into messages
//! (see `render.rs`). Every question is recorded (never who asked), answers carry 👍/👎
//! buttons, and moderators edit the FAQ with the `/faq` commands (see `moderation.rs`). It is
//! started by [`run`], which takes its shutdown signal as an argument so tests can start and
//! stop a real client against a fake Discord.
//!
//! Only the intents for messages are asked for. The privileged `MESSAGE_CONTENT` intent is
//! asked for only when `discord.answer_channels` lists channels (see `channels.rs`): Discord
//! delivers the text of DMs and of messages that mention the bot without it. When Discord
//! refuses it, the bot connects again without it and says so in the log and `/healthz`.

mod channels;
mod commands;
mod messages;
mod moderation;
mod recent;
mod render;

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use poise::serenity_prelude as serenity;
use tracing::{error, info, warn};

use crate::config::{DiscordConfig, Shards};
use crate::conversation::Conversations;
use crate::matcher::Outcome;
use crate::ops::{Ops, QuestionOutcome};
use crate::records::{Recorder, Source};
use crate::store::{FaqStore, ReloadOutcome, Watcher};

use messages::Cooldown;

type Error = Box<dyn std::error::Error + Send + Sync>;
type Context<'a> = poise::Context<'a, Data, Error>;

/// How long a clean shutdown may take before the bot stops waiting for Discord.
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(3);
/// How often the Gateway shards' state is read for `/healthz` and `/metrics`.
const GATEWAY_POLL: Duration = Duration::from_secs(1);
/// Form submissions and votes remembered for the "only once" rules.
const REMEMBERED: usize = 10_000;

/// What every command and event handler shares.
pub struct Data {
    pub store: Arc<FaqStore>,
    pub recorder: Arc<Recorder>,
    pub config: DiscordConfig,
    /// Counters and health for `/metrics` and `/healthz`.
    pub ops: Arc<Ops>,
    /// Each asker's last question (a user in a channel or DM), for reading follow-ups.
    conversations: Arc<Conversations>,
    cooldown: Cooldown,
    /// Questions offered by `/faq unanswered` as alternates, keyed by the number in their
    /// button's custom id (a question may be longer than a custom id allows).
    pending_alternates: moderation::Pending,
    /// Forms already handled, by interaction id: Discord may deliver one submission twice.
    submitted: recent::Recent<serenity::InteractionId>,
    /// (answer message, user) pairs that have rated the answer: one vote each.
    votes: recent::Recent<(serenity::MessageId, serenity::UserId)>,
    /// Where the bot answers by itself when it is sure.
    channels: channels::AnswerChannels,
}

/// The FAQ the bot answers from and where it records questions.
pub struct Served {
    pub store: Arc<FaqStore>,
    pub recorder: Arc<Recorder>,
    /// Reloads made by the folder watcher (see [`watch`]), reported in the log channel.
    pub reloads: Option<tokio::sync::mpsc::UnboundedReceiver<ReloadOutcome>>,
    /// Each asker's last question, for reading follow-ups.
    pub conversations: Arc<Conversations>,
    /// Counters and health, served on `ops.listen` by [`crate::ops::serve`].
    pub ops: Arc<Ops>,
}

impl Served {
    /// The FAQ in `store`, recording to `recorder`, with no watcher and contexts kept the
    /// default 10 minutes.
    #[must_use]
    pub fn new(store: Arc<FaqStore>, recorder: Arc<Recorder>) -> Self {
        Self {
            ops: Arc::new(Ops::new(Arc::clone(&store), Arc::clone(&recorder))),
            store,
            recorder,
            reloads: None,
            conversations: Arc::new(Conversations::with_minutes(
                crate::config::ConversationConfig::default().context_minutes,
            )),
        }
    }
}

/// Watches the FAQ folder every `poll`, logging each reload, and hands the outcomes to the
/// returned receiver (give it to [`run`] in [`Served::reloads`]). The watcher thread never
/// waits on Discord: it only sends on an unbounded channel. Stops when the [`Watcher`] drops.
#[must_use]
pub fn watch(
    store: &Arc<FaqStore>,
    poll: Duration,
) -> (Watcher, tokio::sync::mpsc::UnboundedReceiver<ReloadOutcome>) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let watcher = Arc::clone(store).watch(poll, move |outcome| {
        match &outcome {
            ReloadOutcome::Reloaded(summary) if summary.is_unchanged() => return,
            // The store has logged each problem with its file, line and column.
            ReloadOutcome::Refused(errors) => {
                warn!(problems = errors.0.len(), "edited FAQ files refused");
            }
            ReloadOutcome::Reloaded(summary) => info!("{summary}"),
        }
        // The receiver is gone only when the bot has stopped.
        let _ = tx.send(outcome);
    });
    (watcher, rx)
}

/// Who asked, for follow-ups: one context per user per channel (a DM is a channel), shared by
/// `/ask` and mentions there.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Asker {
    pub channel: serenity::ChannelId,
    pub user: serenity::UserId,
}

impl Asker {
    fn key(self) -> String {
        format!("{}:{}", self.channel, self.user)
    }
}

/// Where a question came from, for the records: a server channel or a DM.
fn source_of(guild: Option<serenity::GuildId>) -> Source {
    if guild.is_some() {
        Source::Channel
    } else {
        Source::Dm
    }
}

/// What a question got: the reply to send, and why the question was refused, if it was.
pub(crate) struct Asked {
    pub rendered: render::Rendered,
    pub problem: Option<crate::matcher::InputProblem>,
}

/// One log line per question (never who asked), and the question counted in the metrics.
fn log_and_count(ops: &Ops, reply: &crate::Reply, via: &'static str) {
    let latency_us = u64::try_from(reply.elapsed.as_micros()).unwrap_or(u64::MAX);
    let counted = match &reply.outcome {
        Outcome::Answered { id, .. } => {
            info!(via, id = %id, score = reply.score, latency_us, chars = reply.question.chars().count(), "answered");
            QuestionOutcome::Answered
        }
        Outcome::Declined => {
            info!(
                via,
                score = reply.score,
                latency_us,
                suggestions = reply.suggestions.len(),
                "declined"
            );
            QuestionOutcome::Declined
        }
        Outcome::SmallTalk { id, .. } => {
            info!(via, id = %id, latency_us, "small talk");
            QuestionOutcome::SmallTalk
        }
        Outcome::Invalid(problem) => {
            info!(via, ?problem, "refused");
            QuestionOutcome::Invalid
        }
    };
    ops.question(counted, reply.elapsed);
}

impl Data {
    /// Asks the engine (reading a follow-up against `asker`'s last question: a user in a
    /// channel), logs, counts and records the question, and renders the reply.
    fn answer(&self, question: &str, asker: Asker, via: &'static str, source: Source) -> Asked {
        let matcher = self.store.matcher();
        let turn = self.conversations.ask(&matcher, &asker.key(), question);
        let reply = turn.reply;
        self.recorder.record_question(&reply, source);
        log_and_count(&self.ops, &reply, via);
        let related = reply
            .answer_id()
            .map(|id| matcher.related(id, render::MAX_BUTTONS))
            .unwrap_or_default();
        let problem = match &reply.outcome {
            Outcome::Invalid(problem) => Some(problem.clone()),
            _ => None,
        };
        let mut rendered = render::reply(&reply, &related, &self.config.source);
        // A follow-up shows what it was read as, so a wrong guess is visible.
        if let Some(resolved) = &turn.resolved {
            rendered.embed = rendered
                .embed
                .map(|embed| embed.title(render::truncate(resolved, render::TITLE_MAX)));
        }
        if let Outcome::Answered { id, .. } = &reply.outcome {
            rendered.buttons.extend(render::feedback_buttons(id));
        }
        Asked { rendered, problem }
    }

    /// The answer to one FAQ entry, as a button click asks for it.
    fn answer_entry(&self, id: &str) -> Option<render::Rendered> {
        let matcher = self.store.matcher();
        let entry = matcher.entry(id)?;
        info!(via = "button", id = %id, "answered");
        Some(render::Rendered {
            content: None,
            embed: Some(render::answer_embed(
                &entry.question,
                &entry.answer,
                &self.config.source,
            )),
            buttons: render::entry_buttons("Related: ", &matcher.related(id, render::MAX_BUTTONS)),
            // Only the person who clicked asked for it; the channel is spared repeats.
            ephemeral: true,
        })
    }

    /// Up to 25 FAQ questions for autocomplete, the likeliest first.
    #[must_use]
    pub fn question_choices(&self, partial: &str) -> Vec<String> {
        let matcher = self.store.matcher();
        let partial = partial.trim();
        let mut out: Vec<String> = Vec::new();
        if !partial.is_empty() && partial.chars().count() <= matcher.config().max_question_chars {
            out.extend(
                matcher
                    .ask(partial)
                    .candidates
                    .into_iter()
                    .filter(|c| c.score > 0.0)
                    .map(|c| c.question),
            );
        }
        for e in matcher.entries_containing(partial) {
            if out.len() >= render::AUTOCOMPLETE_MAX {
                break;
            }
            if !out.contains(&e.question) {
                out.push(e.question.clone());
            }
        }
        out.truncate(render::AUTOCOMPLETE_MAX);
        out
    }
}

/// Connects to Discord and answers until `shutdown` completes.
///
/// Commands are registered once at start, with one bulk overwrite per guild in
/// `config.guilds` (or globally when it is empty). With `api_proxy`, REST calls go through
/// that proxy and the built-in rate limiter is off, since the proxy owns rate limits.
///
/// # Errors
/// The client could not be built, or the connection to Discord failed for good.
pub async fn run(
    token: &str,
    served: Served,
    config: DiscordConfig,
    api_proxy: Option<&str>,
    shutdown: impl Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    run_observed(token, served, config, api_proxy, shutdown, None).await
}

/// [`run`], with `observer` seeing every gateway event first (tests use it to catch events
/// that serenity could not read).
///
/// # Errors
/// As [`run`].
pub async fn run_observed(
    token: &str,
    served: Served,
    config: DiscordConfig,
    api_proxy: Option<&str>,
    shutdown: impl Future<Output = ()> + Send,
    observer: Option<Arc<dyn serenity::RawEventHandler>>,
) -> anyhow::Result<()> {
    let http = || {
        let mut http = serenity::HttpBuilder::new(token);
        if let Some(proxy) = api_proxy.filter(|p| !p.is_empty()) {
            // The rate limiter would bypass the proxy; the proxy handles rate limits instead.
            http = http.proxy(proxy).ratelimiter_disabled(true);
        }
        http.build()
    };
    let Served {
        store,
        recorder,
        reloads,
        conversations,
        ops,
    } = served;
    let _background =
        background_tasks(&Arc::new(http()), reloads, config.log_channel, &store, &ops);
    let shared = Shared {
        store,
        recorder,
        conversations,
        ops: Arc::clone(&ops),
        config,
    };
    // Reading messages that do not mention the bot needs the privileged Message Content
    // intent, asked for only when there are answer channels.
    let mut read_content = !shared.config.answer_channels.is_empty();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let registered = Arc::new(AtomicBool::new(false));
        let mut client = client(
            http(),
            &shared,
            read_content,
            Arc::clone(&registered),
            observer.clone(),
        )
        .await?;
        let shards = Arc::clone(&client.shard_manager);
        let _stop_gateway_watch = AbortOnDrop(Some(tokio::spawn(watch_gateway(
            Arc::clone(&shards),
            Arc::clone(&ops),
        ))));
        tokio::select! {
            result = start(&mut client, shared.config.shards) => match result {
                Err(serenity::Error::Gateway(serenity::GatewayError::DisallowedGatewayIntents))
                    if read_content =>
                {
                    error!("{CONTENT_REFUSED}");
                    ops.degraded(CONTENT_REFUSED.to_owned());
                    read_content = false;
                }
                Err(e) => return Err(e).context("the connection to Discord failed"),
                Ok(()) if registered.load(Ordering::SeqCst) => return Ok(()),
                Ok(()) => anyhow::bail!("could not register the slash commands with Discord (see the log above)"),
            },
            () = &mut shutdown => {
                info!("shutting down");
                if tokio::time::timeout(SHUTDOWN_TIMEOUT, shards.shutdown_all()).await.is_err() {
                    warn!("Discord did not close the connection in time; stopping anyway");
                }
                return Ok(());
            }
        }
    }
}

/// Starts what runs beside the client, stopped when the returned guards drop: the reload
/// reports to the log channel and the scheduled About Us page check.
fn background_tasks(
    http: &Arc<serenity::Http>,
    reloads: Option<tokio::sync::mpsc::UnboundedReceiver<ReloadOutcome>>,
    log_channel: Option<u64>,
    store: &Arc<FaqStore>,
    ops: &Arc<Ops>,
) -> [AbortOnDrop; 2] {
    let reporter = reloads.map(|reloads| {
        tokio::spawn(report_reloads(
            Arc::clone(http),
            reloads,
            log_channel,
            Arc::clone(ops),
        ))
    });
    let source_checks = (store.faq_config.source_check_hours > 0)
        .then(|| store.faq_config.source_url.clone())
        .flatten()
        .zip(log_channel)
        .map(|(page, channel)| {
            tokio::spawn(check_source_on_schedule(
                Arc::clone(http),
                Arc::clone(store),
                page,
                channel,
            ))
        });
    [AbortOnDrop(reporter), AbortOnDrop(source_checks)]
}

/// What the log and `/healthz` say when Discord refuses the Message Content intent.
const CONTENT_REFUSED: &str = "Discord refused the Message Content intent (close code 4014), so \
     the answer channels are off; mentions, DMs and slash commands still work. Turn on \
     Message Content Intent in the developer portal (the application's Bot tab) and restart.";

/// What every client the bot builds shares (a refused intent means building another).
struct Shared {
    store: Arc<FaqStore>,
    recorder: Arc<Recorder>,
    conversations: Arc<Conversations>,
    ops: Arc<Ops>,
    config: DiscordConfig,
}

/// A client with the bot's commands and handlers; `read_content` asks for the Message Content
/// intent. `registered` is set once the commands are registered.
async fn client(
    http: serenity::Http,
    shared: &Shared,
    read_content: bool,
    registered: Arc<AtomicBool>,
    observer: Option<Arc<dyn serenity::RawEventHandler>>,
) -> anyhow::Result<serenity::Client> {
    let data = Data {
        store: Arc::clone(&shared.store),
        recorder: Arc::clone(&shared.recorder),
        config: shared.config.clone(),
        cooldown: Cooldown::new(Duration::from_secs(shared.config.cooldown_seconds)),
        pending_alternates: moderation::Pending::default(),
        submitted: recent::Recent::new(REMEMBERED),
        conversations: Arc::clone(&shared.conversations),
        ops: Arc::clone(&shared.ops),
        votes: recent::Recent::new(REMEMBERED),
        channels: channels::AnswerChannels::new(&shared.config),
    };
    let guilds = shared.config.guilds.clone();
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands::all(),
            on_error: |e| Box::pin(on_error(e)),
            event_handler: |framework, event| Box::pin(on_event(framework, event)),
            allowed_mentions: Some(render::no_pings()),
            ..Default::default()
        })
        // Owners are never consulted; skipping them saves a REST call at start. (The
        // builder's own setting wins over the one in the options.)
        .initialize_owners(false)
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                register(ctx, &framework.options().commands, &guilds).await?;
                registered.store(true, Ordering::SeqCst);
                Ok(data)
            })
        })
        .build();
    let mut intents =
        serenity::GatewayIntents::GUILD_MESSAGES | serenity::GatewayIntents::DIRECT_MESSAGES;
    if read_content {
        intents |= serenity::GatewayIntents::MESSAGE_CONTENT;
    }
    serenity::ClientBuilder::new_with_http(http, intents)
        .framework(framework)
        .raw_event_handler(Unreadable(observer))
        .await
        .context("cannot set up the Discord client")
}

/// Connects the shards `shards` asks for: as many as Discord recommends, a count, or a
/// range of them (the rest run in other processes).
async fn start(client: &mut serenity::Client, shards: Shards) -> serenity::Result<()> {
    match shards {
        Shards::Auto => client.start_autosharded().await,
        Shards::Count(n) => client.start_shards(n).await,
        // serenity reads the range's end as the last shard to run.
        Shards::Range { first, last, total } => {
            info!(first, last, total, "running a range of the shards");
            client.start_shard_range(first..last, total).await
        }
    }
}

/// Tells `ops` every [`GATEWAY_POLL`] which of this process's shards are connected. A shard
/// being restarted is briefly not listed at all, and counts as disconnected.
async fn watch_gateway(manager: Arc<serenity::ShardManager>, ops: Arc<Ops>) {
    let mut known = std::collections::BTreeSet::new();
    let mut ticks = tokio::time::interval(GATEWAY_POLL);
    loop {
        ticks.tick().await;
        let runners = manager.runners.lock().await;
        known.extend(runners.keys().map(|id| id.0));
        for &id in &known {
            let connected = runners
                .get(&serenity::ShardId(id))
                .is_some_and(|r| r.stage == serenity::ConnectionStage::Connected);
            ops.shard(id, connected);
        }
    }
}

/// Checks the About Us page every `faq.source_check_hours` and posts what differs to the log
/// channel, once per change: the same findings are not posted again, and after the FAQ is
/// back in step a new difference is.
async fn check_source_on_schedule(
    http: Arc<serenity::Http>,
    store: Arc<FaqStore>,
    page: String,
    channel: u64,
) {
    let every = Duration::from_secs(store.faq_config.source_check_hours.saturating_mul(3600));
    let mut ticks = tokio::time::interval(every);
    let mut last_posted = String::new();
    loop {
        ticks.tick().await;
        let report = match moderation::read_source(&page).await {
            Ok(blocks) => {
                let findings = crate::source::check(store.matcher().faq(), &blocks);
                if findings.is_empty() {
                    last_posted.clear();
                    continue;
                }
                moderation::source_report(&page, &findings)
            }
            Err(e) => {
                warn!(page, error = %e, "cannot read the About Us page for the scheduled check");
                continue;
            }
        };
        if report == last_posted {
            continue;
        }
        let message = serenity::CreateMessage::new()
            .content(render::truncate(
                &format!("{report}\nA moderator can run /faq check-source to import the leaders."),
                render::CONTENT_MAX,
            ))
            .allowed_mentions(render::no_pings());
        match serenity::ChannelId::new(channel)
            .send_message(&http, message)
            .await
        {
            Ok(_) => last_posted = report,
            Err(e) => {
                warn!(error = %e, channel, "could not post the page check to the log channel");
            }
        }
    }
}

/// Posts each reload to the log channel (when one is set), so moderators see a refused edit
/// and its problems without reading the server's log.
async fn report_reloads(
    http: Arc<serenity::Http>,
    mut reloads: tokio::sync::mpsc::UnboundedReceiver<ReloadOutcome>,
    log_channel: Option<u64>,
    ops: Arc<Ops>,
) {
    while let Some(outcome) = reloads.recv().await {
        ops.reload(matches!(outcome, ReloadOutcome::Reloaded(_)));
        let Some(channel) = log_channel else { continue };
        let message = serenity::CreateMessage::new()
            .content(render::truncate(&outcome.to_string(), render::CONTENT_MAX))
            .allowed_mentions(render::no_pings());
        if let Err(e) = serenity::ChannelId::new(channel)
            .send_message(&http, message)
            .await
        {
            warn!(error = %e, channel, "could not post the FAQ reload to the log channel");
        }
    }
}

/// Stops the reload reporter when [`run_observed`] returns.
struct AbortOnDrop(Option<tokio::task::JoinHandle<()>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(task) = &self.0 {
            task.abort();
        }
    }
}

/// One bulk overwrite per guild (or one global one), so a restart never leaves stale commands.
async fn register(
    ctx: &serenity::Context,
    commands: &[poise::Command<Data, Error>],
    guilds: &[u64],
) -> Result<(), Error> {
    if guilds.is_empty() {
        poise::builtins::register_globally(ctx, commands).await?;
        info!(count = commands.len(), "registered the commands globally");
    }
    for &guild in guilds {
        poise::builtins::register_in_guild(ctx, commands, serenity::GuildId::new(guild)).await?;
        info!(
            count = commands.len(),
            guild, "registered the commands in a server"
        );
    }
    Ok(())
}

/// Logs what went wrong with its context and tells the user briefly, only them, no internals.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            error!(command = %ctx.command().qualified_name, error = %error, "command failed");
            if ctx.command().name == "ask" {
                ctx.data().ops.reply_failed();
            }
            let reply = poise::CreateReply::default()
                .content(
                    "Sorry, something went wrong answering that. Please try again in a moment.",
                )
                .ephemeral(true)
                .allowed_mentions(render::no_pings());
            if let Err(e) = ctx.send(reply).await {
                warn!(error = %e, "could not tell the user about a failed command");
            }
        }
        poise::FrameworkError::CommandCheckFailed { ctx, error, .. } => {
            // The only check is the moderators' one on /faq.
            if let Some(error) = error {
                error!(command = %ctx.command().qualified_name, error = %error, "command check failed");
            }
            if let Err(e) = moderation::say(ctx, moderation::NOT_A_MODERATOR).await {
                warn!(error = %e, "could not tell a member that /faq is for moderators");
            }
        }
        poise::FrameworkError::EventHandler {
            error,
            event,
            framework,
            ..
        } => {
            error!(event = event.snake_case_name(), error = %error, "event handler failed");
            if matches!(event, serenity::FullEvent::Message { .. }) {
                framework.user_data.ops.reply_failed();
            }
        }
        poise::FrameworkError::Setup {
            error, framework, ..
        } => {
            // Without its commands the bot would look online but answer nothing: stop instead.
            error!(error = %error, "could not register the commands; stopping");
            framework.shard_manager().shutdown_all().await;
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                warn!(error = %e, "could not handle an error");
            }
        }
    }
}

async fn on_event(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &serenity::FullEvent,
) -> Result<(), Error> {
    let ctx = framework.serenity_context;
    let data = framework.user_data;
    match event {
        serenity::FullEvent::Message { new_message } => {
            messages::on_message(ctx, data, new_message).await?;
        }
        serenity::FullEvent::InteractionCreate {
            interaction: serenity::Interaction::Component(click),
        } => on_click(ctx, data, click).await?,
        serenity::FullEvent::InteractionCreate {
            interaction: serenity::Interaction::Modal(submit),
        } => moderation::on_modal(ctx, data, submit).await?,
        serenity::FullEvent::Ready { data_about_bot } => {
            info!(shards = ?data_about_bot.shard, "connected to Discord");
        }
        _ => {}
    }
    Ok(())
}

/// A suggestion/related button (answers that entry), a `/topics` paging button, a 👍/👎
/// button or a moderator's "add as alternate" button.
async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
) -> Result<(), Error> {
    let id = click.data.custom_id.as_str();
    if let Some(feedback) = id.strip_prefix(render::FEEDBACK_BUTTON) {
        return on_feedback(ctx, data, click, feedback).await;
    }
    if let Some(entry) = id.strip_prefix(render::NOT_ASKED_BUTTON) {
        return channels::on_not_asked(ctx, data, click, entry).await;
    }
    if id == render::IMPORT_BUTTON {
        return moderation::on_import(ctx, data, click).await;
    }
    if let Some(key) = id.strip_prefix(render::ALTERNATE_BUTTON) {
        return moderation::on_add_alternate(ctx, data, click, key).await;
    }
    let response = if let Some(entry) = id.strip_prefix(render::ENTRY_BUTTON) {
        let rendered = data
            .answer_entry(entry)
            .unwrap_or_else(|| render::Rendered {
                content: Some("That answer is no longer in the FAQ. Try /ask.".to_owned()),
                embed: None,
                buttons: Vec::new(),
                ephemeral: true,
            });
        serenity::CreateInteractionResponse::Message(rendered.into_response())
    } else if let Some(page) = id.strip_prefix(render::TOPICS_BUTTON) {
        let pages = render::topic_pages(&render::topics(data.store.matcher().faq()));
        let (embed, buttons) =
            render::topics_page(&pages, page.parse().unwrap_or(0), &data.config.source);
        serenity::CreateInteractionResponse::UpdateMessage(
            serenity::CreateInteractionResponseMessage::new()
                .embed(embed)
                .components(buttons)
                .allowed_mentions(render::no_pings()),
        )
    } else {
        warn!(
            custom_id = id,
            "a button this version does not know was clicked"
        );
        serenity::CreateInteractionResponse::Message(private_note(UNKNOWN_BUTTON))
    };
    click.create_response(ctx, response).await?;
    Ok(())
}

/// Records a 👍 or 👎 on an answer. The question recorded is the one the answer was for: the
/// asker's message when the answer replies to one (a mention or DM), else the answer's title,
/// which is the matched entry's question (an `/ask` answer does not carry what was typed, and
/// a custom id is too short to hold it).
async fn on_feedback(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    feedback: &str,
) -> Result<(), Error> {
    let (helpful, entry) = match feedback.split_once(':') {
        Some(("up", entry)) => (true, entry),
        Some(("down", entry)) => (false, entry),
        _ => {
            warn!(custom_id = %click.data.custom_id, "unknown feedback button");
            let response =
                serenity::CreateInteractionResponse::Message(private_note(UNKNOWN_BUTTON));
            click.create_response(ctx, response).await?;
            return Ok(());
        }
    };
    if !data.votes.first_time((click.message.id, click.user.id)) {
        let response = serenity::CreateInteractionResponse::Message(private_note(
            "You have already rated this answer; thanks.",
        ));
        click.create_response(ctx, response).await?;
        return Ok(());
    }
    let asked = click
        .message
        .referenced_message
        .as_ref()
        .map(|m| render::strip_mentions(&m.content))
        .filter(|q| !q.is_empty());
    let title = click.message.embeds.first().and_then(|e| e.title.clone());
    let canonical = || {
        data.store
            .matcher()
            .faq()
            .entry(entry)
            .map(|e| e.question.clone())
    };
    if let Some(question) = asked.or(title).or_else(canonical) {
        let source = source_of(click.guild_id);
        data.recorder
            .record_feedback(&question, entry, helpful, source);
        info!(id = %entry, helpful, "feedback");
    }
    let response = private_note("Thanks for the feedback");
    click
        .create_response(ctx, serenity::CreateInteractionResponse::Message(response))
        .await?;
    Ok(())
}

/// The reply to a button this version of the bot does not know (on a message from before an
/// upgrade).
const UNKNOWN_BUTTON: &str =
    "This button is from an older version of the bot and does nothing now. Ask again with /ask.";

/// A short reply only the clicker sees.
fn private_note(text: &str) -> serenity::CreateInteractionResponseMessage {
    serenity::CreateInteractionResponseMessage::new()
        .content(text)
        .ephemeral(true)
        .allowed_mentions(render::no_pings())
}

/// Warns about gateway events serenity could not read (they would otherwise vanish at DEBUG
/// level) and passes every event to the observer, if any.
struct Unreadable(Option<Arc<dyn serenity::RawEventHandler>>);

#[serenity::async_trait]
impl serenity::RawEventHandler for Unreadable {
    async fn raw_event(&self, ctx: serenity::Context, event: serenity::Event) {
        if let serenity::Event::Unknown(unknown) = &event {
            warn!(kind = %unknown.kind, "Discord sent an event that could not be read");
        }
        if let Some(observer) = &self.0 {
            observer.raw_event(ctx, event).await;
        }
    }
}
