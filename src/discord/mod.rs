//! The Discord front end: slash commands, mentions and DMs, answered by the same engine as
//! the terminal.
//!
//! This layer stays thin: it turns Discord events into questions for [`Matcher`] and the
//! engine's plain data into messages (see [`render`]). It is started by [`run`], which takes
//! its shutdown signal as an argument so tests can start and stop a real client against a
//! fake Discord.
//!
//! Only the intents for messages are asked for; the privileged `MESSAGE_CONTENT` intent is
//! not needed, because Discord delivers the text of DMs and of messages that mention the bot
//! without it.

mod commands;
mod messages;
pub mod render;

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use poise::serenity_prelude as serenity;
use tracing::{error, info, warn};

use crate::config::DiscordConfig;
use crate::matcher::{Matcher, Outcome};

use messages::Cooldown;

type Error = Box<dyn std::error::Error + Send + Sync>;
type Context<'a> = poise::Context<'a, Data, Error>;

/// How long a clean shutdown may take before the bot stops waiting for Discord.
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(3);

/// What every command and event handler shares.
pub struct Data {
    pub matcher: Arc<Matcher>,
    pub config: DiscordConfig,
    cooldown: Cooldown,
}

impl Data {
    /// Asks the engine and renders its reply, logging one line per question (never who asked).
    /// Also returns why the question was refused, if it was.
    fn answer(
        &self,
        question: &str,
        via: &'static str,
    ) -> (render::Rendered, Option<crate::matcher::InputProblem>) {
        let reply = self.matcher.ask(question);
        let latency_us = u64::try_from(reply.elapsed.as_micros()).unwrap_or(u64::MAX);
        let related = match &reply.outcome {
            Outcome::Answered { id, .. } => {
                info!(via, id = %id, score = reply.score, latency_us, chars = reply.question.chars().count(), "answered");
                self.matcher.related(id, render::MAX_BUTTONS)
            }
            Outcome::Declined => {
                info!(
                    via,
                    score = reply.score,
                    latency_us,
                    suggestions = reply.suggestions.len(),
                    "declined"
                );
                Vec::new()
            }
            Outcome::Invalid(problem) => {
                info!(via, ?problem, "refused");
                Vec::new()
            }
        };
        let problem = match &reply.outcome {
            Outcome::Invalid(problem) => Some(problem.clone()),
            _ => None,
        };
        (
            render::reply(&reply, &related, &self.config.source),
            problem,
        )
    }

    /// The answer to one FAQ entry, as a button click asks for it.
    fn answer_entry(&self, id: &str) -> Option<render::Rendered> {
        let entry = self.matcher.faq().entry(id)?;
        info!(via = "button", id = %id, "answered");
        Some(render::Rendered {
            content: None,
            embed: Some(render::answer_embed(
                &entry.question,
                &entry.answer,
                &self.config.source,
            )),
            buttons: render::entry_buttons(
                "Related: ",
                &self.matcher.related(id, render::MAX_BUTTONS),
            ),
            // Only the person who clicked asked for it; the channel is spared repeats.
            ephemeral: true,
        })
    }

    /// Up to 25 FAQ questions for autocomplete, the likeliest first.
    #[must_use]
    pub fn question_choices(&self, partial: &str) -> Vec<String> {
        let faq = self.matcher.faq();
        let partial = partial.trim();
        let mut out: Vec<String> = Vec::new();
        if !partial.is_empty()
            && partial.chars().count() <= self.matcher.config().max_question_chars
        {
            out.extend(
                self.matcher
                    .ask(partial)
                    .candidates
                    .into_iter()
                    .filter(|c| c.score > 0.0)
                    .map(|c| c.question),
            );
        }
        let typed = partial.to_lowercase();
        for e in &faq.entries {
            if out.len() >= render::AUTOCOMPLETE_MAX {
                break;
            }
            if !out.contains(&e.question) && e.question.to_lowercase().contains(&typed) {
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
    matcher: Arc<Matcher>,
    config: DiscordConfig,
    api_proxy: Option<&str>,
    shutdown: impl Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    run_observed(token, matcher, config, api_proxy, shutdown, None).await
}

/// [`run`], with `observer` seeing every gateway event first (tests use it to catch events
/// that serenity could not read).
///
/// # Errors
/// As [`run`].
pub async fn run_observed(
    token: &str,
    matcher: Arc<Matcher>,
    config: DiscordConfig,
    api_proxy: Option<&str>,
    shutdown: impl Future<Output = ()> + Send,
    observer: Option<Arc<dyn serenity::RawEventHandler>>,
) -> anyhow::Result<()> {
    let mut http = serenity::HttpBuilder::new(token);
    if let Some(proxy) = api_proxy.filter(|p| !p.is_empty()) {
        // The rate limiter would bypass the proxy; the proxy handles rate limits instead.
        http = http.proxy(proxy).ratelimiter_disabled(true);
    }
    let guilds = config.guilds.clone();
    // Set once the commands are registered: a client that stops before that has failed.
    let registered = Arc::new(AtomicBool::new(false));
    let registered_in_setup = Arc::clone(&registered);
    let cooldown = Cooldown::new(Duration::from_secs(config.cooldown_seconds));
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands::all(),
            on_error: |e| Box::pin(on_error(e)),
            event_handler: |framework, event| Box::pin(on_event(framework, event)),
            allowed_mentions: Some(render::no_pings()),
            // Owners are never consulted; skipping them saves a REST call at start.
            initialize_owners: false,
            ..Default::default()
        })
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                register(ctx, &framework.options().commands, &guilds).await?;
                registered_in_setup.store(true, Ordering::SeqCst);
                Ok(Data {
                    matcher,
                    config,
                    cooldown,
                })
            })
        })
        .build();
    let intents =
        serenity::GatewayIntents::GUILD_MESSAGES | serenity::GatewayIntents::DIRECT_MESSAGES;
    let mut builder =
        serenity::ClientBuilder::new_with_http(http.build(), intents).framework(framework);
    builder = builder.raw_event_handler(Unreadable(observer));
    let mut client = builder.await.context("cannot set up the Discord client")?;
    let shards = Arc::clone(&client.shard_manager);
    tokio::select! {
        result = client.start() => {
            result.context("the connection to Discord failed")?;
            if registered.load(Ordering::SeqCst) {
                Ok(())
            } else {
                anyhow::bail!("could not register the slash commands with Discord (see the log above)")
            }
        }
        () = shutdown => {
            info!("shutting down");
            if tokio::time::timeout(SHUTDOWN_TIMEOUT, shards.shutdown_all()).await.is_err() {
                warn!("Discord did not close the connection in time; stopping anyway");
            }
            Ok(())
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
        poise::FrameworkError::EventHandler { error, event, .. } => {
            error!(event = event.snake_case_name(), error = %error, "event handler failed");
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
        serenity::FullEvent::Ready { data_about_bot } => {
            info!(shards = ?data_about_bot.shard, "connected to Discord");
        }
        _ => {}
    }
    Ok(())
}

/// A suggestion/related button (answers that entry) or a `/topics` paging button.
async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
) -> Result<(), Error> {
    let id = click.data.custom_id.as_str();
    let response = if let Some(entry) = id.strip_prefix(render::ENTRY_BUTTON) {
        let rendered = data
            .answer_entry(entry)
            .unwrap_or_else(|| render::Rendered {
                content: Some("That answer is no longer in the FAQ. Try /ask.".to_owned()),
                embed: None,
                buttons: Vec::new(),
                ephemeral: true,
            });
        serenity::CreateInteractionResponse::Message(message_of(rendered))
    } else if let Some(page) = id.strip_prefix(render::TOPICS_BUTTON) {
        let pages = render::topic_pages(&render::topics(data.matcher.faq()));
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
        return Ok(());
    };
    click.create_response(ctx, response).await?;
    Ok(())
}

fn message_of(rendered: render::Rendered) -> serenity::CreateInteractionResponseMessage {
    let mut msg = serenity::CreateInteractionResponseMessage::new()
        .components(rendered.buttons)
        .ephemeral(rendered.ephemeral)
        .allowed_mentions(render::no_pings());
    if let Some(content) = rendered.content {
        msg = msg.content(content);
    }
    if let Some(embed) = rendered.embed {
        msg = msg.embed(embed);
    }
    msg
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
