//! Answer channels (`discord.answer_channels`): the bot reads every message there, or the
//! first message of each new post in a Forum channel, and answers by itself only when it is
//! sure. It never interrupts people talking to each other: it stays silent (or adds one
//! reaction) when unsure, never answers small talk, replies between people, bots, webhooks
//! or edits, and gives at most `auto_answer_per_minute` answers per channel.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use poise::serenity_prelude as serenity;
use tracing::{debug, info, warn};

use super::{recent::Recent, render, Data, Error};
use crate::config::DiscordConfig;
use crate::matcher::Outcome;
use crate::ops::AutoAnswer;
use crate::records::Source;

/// Messages (and forum posts) remembered, so none is answered twice.
const REMEMBERED: usize = 10_000;
const MINUTE: Duration = Duration::from_secs(60);

/// Words a question may open with; a message that neither opens with one nor holds a `?` is
/// talk, not a question.
const QUESTION_OPENERS: &[&str] = &[
    "who", "whom", "whose", "what", "whats", "what's", "when", "where", "why", "how", "which",
    "is", "are", "was", "were", "do", "does", "did", "can", "could", "should", "would", "will",
    "has", "have", "any", "anyone", "anybody", "tell",
];

/// The answer channels and what they remember.
pub(super) struct AnswerChannels {
    channels: HashSet<u64>,
    threshold: f32,
    per_minute: usize,
    reaction: Option<String>,
    /// Messages already handled: a delivery twice is answered once.
    seen: Recent<serenity::MessageId>,
    /// When each channel's recent answers were given.
    given: Mutex<HashMap<serenity::ChannelId, VecDeque<Instant>>>,
}

impl AnswerChannels {
    pub(super) fn new(config: &DiscordConfig) -> Self {
        Self {
            channels: config.answer_channels.iter().copied().collect(),
            threshold: config.auto_answer_threshold,
            per_minute: usize::try_from(config.auto_answer_per_minute).unwrap_or(usize::MAX),
            reaction: config
                .unsure_reaction
                .clone()
                .filter(|r| !r.trim().is_empty()),
            seen: Recent::new(REMEMBERED),
            given: Mutex::new(HashMap::new()),
        }
    }

    /// Whether any channel is listed (and the Message Content intent is needed).
    pub(super) fn any(&self) -> bool {
        !self.channels.is_empty()
    }

    /// Whether the channel may have one more answer now; if so, it is counted.
    fn within_rate(&self, channel: serenity::ChannelId, now: Instant) -> bool {
        let mut given = self.given.lock().unwrap_or_else(PoisonError::into_inner);
        let times = given.entry(channel).or_default();
        while times
            .front()
            .is_some_and(|t| now.saturating_duration_since(*t) >= MINUTE)
        {
            times.pop_front();
        }
        if times.len() >= self.per_minute {
            return false;
        }
        times.push_back(now);
        true
    }
}

/// Whether `msg` is one the bot reads in an answer channel: a message in a listed channel, or
/// the first message of a post in a listed Forum channel.
async fn in_answer_channel(
    ctx: &serenity::Context,
    channels: &AnswerChannels,
    msg: &serenity::Message,
) -> bool {
    if channels.channels.contains(&msg.channel_id.get()) {
        return true;
    }
    // A forum post is a thread whose id is its first message's id; any other message in a
    // thread (and in other channels) is not read.
    if msg.id.get() != msg.channel_id.get() {
        return false;
    }
    let parent = match msg.channel_id.to_channel(ctx).await {
        Ok(serenity::Channel::Guild(thread)) => thread.parent_id,
        Ok(_) => None,
        Err(e) => {
            warn!(error = %e, "cannot tell which channel a new post belongs to");
            None
        }
    };
    parent.is_some_and(|p| channels.channels.contains(&p.get()))
}

/// Whether the message is part of people talking to each other: a reply to someone, or a
/// mention of someone.
fn between_people(msg: &serenity::Message, me: serenity::UserId) -> bool {
    let replies_to_someone = msg
        .referenced_message
        .as_ref()
        .is_some_and(|m| m.author.id != me);
    let mentions_someone = msg.mentions.iter().any(|u| u.id != me) || !msg.mention_roles.is_empty();
    replies_to_someone || mentions_someone || msg.mention_everyone
}

/// Whether the text reads as a question rather than talk.
fn looks_like_question(text: &str) -> bool {
    if text.contains('?') {
        return true;
    }
    let first = text
        .split_whitespace()
        .next()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .unwrap_or_default();
    QUESTION_OPENERS.contains(&first.as_str())
}

/// Answers a message in an answer channel when the bot is sure; otherwise stays silent or
/// adds the configured reaction. Messages outside answer channels are left alone.
pub(super) async fn on_message(
    ctx: &serenity::Context,
    data: &Data,
    msg: &serenity::Message,
) -> Result<(), Error> {
    let channels = &data.channels;
    let me = ctx.cache.current_user().id;
    if !channels.any()
        || msg.guild_id.is_none()
        || msg.author.bot
        || msg.webhook_id.is_some()
        || msg.author.id == me
        || !in_answer_channel(ctx, channels, msg).await
        || !channels.seen.first_time(msg.id)
    {
        return Ok(());
    }
    let question = render::strip_mentions(&msg.content);
    if between_people(msg, me) || !looks_like_question(&question) {
        debug!("answer channel: talk, not a question for the bot");
        data.ops.auto_answer(AutoAnswer::Talk);
        return Ok(());
    }
    // Read on its own: a follow-up between people is theirs, not the bot's.
    let matcher = data.store.matcher();
    let reply = matcher.ask(&question);
    let sure =
        matches!(reply.outcome, Outcome::Answered { .. }) && reply.score >= channels.threshold;
    if !sure {
        data.ops.auto_answer(AutoAnswer::Silent);
        if let Some(emoji) = &channels.reaction {
            let reaction = serenity::ReactionType::Unicode(emoji.clone());
            if let Err(e) = msg.react(ctx, reaction).await {
                warn!(error = %e, "could not react to a question in an answer channel");
            }
        }
        return Ok(());
    }
    if !channels.within_rate(msg.channel_id, Instant::now()) {
        info!("answer channel: the per-minute limit is reached; not answering");
        data.ops.auto_answer(AutoAnswer::Limited);
        return Ok(());
    }
    data.recorder.record_question(&reply, Source::Auto);
    data.ops.auto_answer(AutoAnswer::Answered);
    let Outcome::Answered { id, .. } = &reply.outcome else {
        return Ok(());
    };
    info!(via = "auto", id = %id, score = reply.score, "answered by itself");
    let mut rendered = render::reply(
        &reply,
        &matcher.related(id, render::MAX_BUTTONS),
        &data.config.source,
    );
    rendered.buttons.extend(render::feedback_buttons(id));
    rendered.buttons.extend(render::not_asked_button(id));
    msg.channel_id
        .send_message(ctx, rendered.into_message(msg))
        .await?;
    Ok(())
}

/// "Not what I asked" under an answer the bot gave by itself: the asker (or a moderator)
/// removes the answer; anyone's click records the question as not answered for moderators.
pub(super) async fn on_not_asked(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    entry: &str,
) -> Result<(), Error> {
    let asked = click.message.referenced_message.as_deref();
    let author = asked.map(|m| m.author.id);
    let may_remove = author == Some(click.user.id)
        || super::moderation::is_moderator(click.member.as_ref(), &data.config);
    if data.votes.first_time((click.message.id, click.user.id)) {
        let question = asked
            .map(|m| render::strip_mentions(&m.content))
            .filter(|q| !q.is_empty());
        if let Some(question) = question {
            data.recorder
                .record_feedback(&question, entry, false, Source::Auto);
        }
        data.ops.auto_answer(AutoAnswer::Dismissed);
        info!(id = %entry, removed = may_remove, "an answer given by itself was not what was asked");
    }
    let note = if may_remove {
        click.message.delete(ctx).await?;
        "Removed. The question is noted for the moderators, so the FAQ can answer it better."
    } else {
        "Thanks, noted for the moderators. Only the person who asked can remove the answer."
    };
    let response = serenity::CreateInteractionResponse::Message(super::private_note(note));
    click.create_response(ctx, response).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_told_from_talk() {
        assert!(looks_like_question("who leads LEARN"));
        assert!(looks_like_question("What's a RESC"));
        assert!(looks_like_question("the accord was signed when?"));
        assert!(!looks_like_question("I think LEARN is great"));
        assert!(!looks_like_question("lol same"));
    }

    #[test]
    fn the_rate_limit_is_per_channel_and_per_minute() {
        let channels = AnswerChannels::new(&DiscordConfig {
            auto_answer_per_minute: 2,
            ..DiscordConfig::default()
        });
        let (a, b) = (serenity::ChannelId::new(1), serenity::ChannelId::new(2));
        let t0 = Instant::now();
        assert!(channels.within_rate(a, t0));
        assert!(channels.within_rate(a, t0));
        assert!(!channels.within_rate(a, t0 + Duration::from_secs(30)));
        assert!(channels.within_rate(b, t0 + Duration::from_secs(30)));
        assert!(channels.within_rate(a, t0 + MINUTE));
    }
}
