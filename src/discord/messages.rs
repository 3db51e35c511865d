//! Questions asked by mentioning the bot or in a direct message.
//!
//! Messages have no ephemeral replies and no built-in rate limit, so this module strips
//! mention markup before the engine sees the text, replies to the message itself, and holds a
//! per-user cooldown against floods.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use poise::serenity_prelude as serenity;
use tracing::debug;

use super::{render, Data, Error};
use crate::matcher::InputProblem;

/// Remembers when each user last asked, so one user cannot flood a channel with answers.
pub struct Cooldown {
    wait: Duration,
    last: Mutex<HashMap<u64, Instant>>,
}

impl Cooldown {
    /// Entries kept before forgetting users whose cooldown has run out.
    const PRUNE_AT: usize = 10_000;

    #[must_use]
    pub fn new(wait: Duration) -> Self {
        Self {
            wait,
            last: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `user` may ask at `now`; if so, their cooldown starts again.
    pub fn try_start(&self, user: u64, now: Instant) -> bool {
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if last
            .get(&user)
            .is_some_and(|&t| now.saturating_duration_since(t) < self.wait)
        {
            return false;
        }
        if last.len() >= Self::PRUNE_AT {
            last.retain(|_, &mut t| now.saturating_duration_since(t) < self.wait);
        }
        last.insert(user, now);
        true
    }
}

pub(super) async fn on_message(
    ctx: &serenity::Context,
    data: &Data,
    msg: &serenity::Message,
) -> Result<(), Error> {
    if msg.author.bot {
        return Ok(());
    }
    let me = ctx.cache.current_user().id;
    let is_dm = msg.guild_id.is_none();
    if !is_dm && !addresses(&msg.content, me.get()) {
        // Not asked: an answer channel may still answer it by itself.
        return super::channels::on_message(ctx, data, msg).await;
    }
    if !data.cooldown.try_start(msg.author.id.get(), Instant::now()) {
        debug!("question ignored: the asker is on cooldown");
        return Ok(());
    }
    let question = render::strip_mentions(&msg.content);
    let rendered = if question.is_empty() {
        text(render::NOT_A_QUESTION)
    } else {
        let asker = super::Asker {
            channel: msg.channel_id,
            user: msg.author.id,
        };
        let via = if is_dm { "dm" } else { "mention" };
        let reply = data.answer(&question, asker, via, super::source_of(msg.guild_id));
        // A message cannot be answered privately; a refusal other than length gets the hint.
        match reply.problem {
            Some(InputProblem::TooLong { .. }) | None => reply.rendered,
            Some(_) => text(render::NOT_A_QUESTION),
        }
    };
    msg.channel_id
        .send_message(ctx, rendered.into_message(msg))
        .await?;
    Ok(())
}

/// Whether a server message calls on the bot by name. Checking the text, not the message's
/// mention list, keeps replies to the bot's answers ("thanks!") from being taken as questions:
/// Discord lists the replied-to author among the mentions.
fn addresses(content: &str, me: u64) -> bool {
    content.contains(&format!("<@{me}>")) || content.contains(&format!("<@!{me}>"))
}

fn text(content: &str) -> render::Rendered {
    render::Rendered {
        content: Some(content.to_owned()),
        embed: None,
        buttons: Vec::new(),
        ephemeral: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cooldown_is_per_user_and_runs_out() {
        let cooldown = Cooldown::new(Duration::from_secs(3));
        let t0 = Instant::now();
        assert!(cooldown.try_start(1, t0));
        assert!(!cooldown.try_start(1, t0 + Duration::from_secs(2)));
        assert!(cooldown.try_start(2, t0 + Duration::from_secs(2)));
        assert!(cooldown.try_start(1, t0 + Duration::from_secs(3)));
    }

    #[test]
    fn only_a_mention_in_the_text_addresses_the_bot() {
        assert!(addresses("<@1> who leads LEARN?", 1));
        assert!(addresses("hey <@!1>, who leads LEARN?", 1));
        assert!(!addresses("thanks!", 1));
        assert!(!addresses("<@12> who leads LEARN?", 1));
        assert!(!addresses("<@&1> who leads LEARN?", 1));
    }

    #[test]
    fn no_cooldown_when_zero() {
        let cooldown = Cooldown::new(Duration::ZERO);
        let t0 = Instant::now();
        assert!(cooldown.try_start(1, t0));
        assert!(cooldown.try_start(1, t0));
    }
}
