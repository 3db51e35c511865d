//! Turns the engine's plain data into Discord embeds, buttons and texts.
//!
//! Everything here is a pure function of the engine's data, so the look of every reply can be
//! unit-tested without a gateway. Discord's size limits are enforced here, once.

use poise::serenity_prelude as serenity;
use serenity::{
    ButtonStyle, CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed,
    CreateEmbedFooter,
};

use crate::faq::{Faq, Resc};
use crate::matcher::{Outcome, Reply, Suggestion};

/// Buttons under an answer or a decline: enough to help, few enough to read.
pub const MAX_BUTTONS: usize = 3;
/// Prefix of a button's `custom_id` that answers the FAQ entry named after it.
pub const ENTRY_BUTTON: &str = "faq:";
/// Prefix of a `/topics` paging button's `custom_id`; the page number follows.
pub const TOPICS_BUTTON: &str = "topics:";
/// Prefix of a 👍/👎 button's `custom_id`: `fb:up:<entry id>` or `fb:down:<entry id>`.
pub const FEEDBACK_BUTTON: &str = "fb:";
/// Prefix of a `/faq unanswered` "add as alternate" button; a key into the pending list
/// follows.
pub const ALTERNATE_BUTTON: &str = "alt:";
/// Prefix of the "Not what I asked" button under an answer given by itself in an answer
/// channel; the entry id follows.
pub const NOT_ASKED_BUTTON: &str = "notasked:";
/// `custom_id` of the "Import leaders" button of `/faq check-source`.
pub const IMPORT_BUTTON: &str = "importleaders";
/// Characters a message's text may hold.
pub const CONTENT_MAX: usize = 2000;

// Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
pub const TITLE_MAX: usize = 256;
const DESCRIPTION_MAX: usize = 4096;
const FIELD_VALUE_MAX: usize = 1024;
pub const BUTTON_LABEL_MAX: usize = 80;
pub const CUSTOM_ID_MAX: usize = 100;
/// Autocomplete choices Discord shows (and accepts) at most.
pub const AUTOCOMPLETE_MAX: usize = 25;
const CHOICE_MAX: usize = 100;
/// Characters of questions per `/topics` page, well under the 6,000 an embed may hold.
const TOPICS_PAGE_CHARS: usize = 3000;
/// Fields per `/topics` page (Discord allows 25).
const TOPICS_PAGE_FIELDS: usize = 10;

/// Allowed mentions for every message the bot sends: nobody is ever pinged, not even
/// `@everyone` or a role written inside a question, nor the author of a replied-to message.
pub fn no_pings() -> CreateAllowedMentions {
    CreateAllowedMentions::new().replied_user(false)
}

/// What the bot says for one reply of the engine.
pub struct Rendered {
    pub content: Option<String>,
    pub embed: Option<CreateEmbed>,
    pub buttons: Vec<CreateActionRow>,
    /// Only the person who asked or clicked sees it.
    pub ephemeral: bool,
}

impl Rendered {
    /// As the reply to a slash command.
    #[must_use]
    pub fn into_reply(self) -> poise::CreateReply {
        let mut reply = poise::CreateReply::default()
            .allowed_mentions(no_pings())
            .components(self.buttons)
            .ephemeral(self.ephemeral);
        if let Some(content) = self.content {
            reply = reply.content(content);
        }
        if let Some(embed) = self.embed {
            reply = reply.embed(embed);
        }
        reply
    }

    /// As the response to a button click.
    pub fn into_response(self) -> serenity::CreateInteractionResponseMessage {
        let mut msg = serenity::CreateInteractionResponseMessage::new()
            .allowed_mentions(no_pings())
            .components(self.buttons)
            .ephemeral(self.ephemeral);
        if let Some(content) = self.content {
            msg = msg.content(content);
        }
        if let Some(embed) = self.embed {
            msg = msg.embed(embed);
        }
        msg
    }

    /// As a message replying to `to` (a message cannot be private, so `ephemeral` is unused).
    pub fn into_message(self, to: &serenity::Message) -> serenity::CreateMessage {
        let mut msg = serenity::CreateMessage::new()
            .reference_message(to)
            .allowed_mentions(no_pings())
            .components(self.buttons);
        if let Some(content) = self.content {
            msg = msg.content(content);
        }
        if let Some(embed) = self.embed {
            msg = msg.embed(embed);
        }
        msg
    }
}

/// An answer, a decline with suggestions, or a refusal.
#[must_use]
pub fn reply(reply: &Reply, related: &[Suggestion], source: &str) -> Rendered {
    match &reply.outcome {
        Outcome::Answered {
            question, answer, ..
        } => Rendered {
            content: None,
            embed: Some(answer_embed(question, answer, source)),
            buttons: entry_buttons("Related: ", related),
            ephemeral: false,
        },
        Outcome::Declined => Rendered {
            content: Some(if reply.suggestions.is_empty() {
                "I'm not sure about that one. Try /topics to see what I know.".to_owned()
            } else {
                "I'm not sure about that one. Did you mean one of these?".to_owned()
            }),
            embed: None,
            buttons: entry_buttons("", &reply.suggestions),
            ephemeral: false,
        },
        Outcome::SmallTalk { reply, .. } => Rendered {
            content: Some(reply.trim_end().to_owned()),
            embed: None,
            buttons: Vec::new(),
            ephemeral: false,
        },
        Outcome::Invalid(problem) => Rendered {
            content: Some(problem.message()),
            embed: None,
            buttons: Vec::new(),
            ephemeral: true,
        },
    }
}

/// The embed of one FAQ answer.
pub fn answer_embed(question: &str, answer: &str, source: &str) -> CreateEmbed {
    CreateEmbed::new()
        .title(truncate(question, TITLE_MAX))
        .description(truncate(answer.trim_end(), DESCRIPTION_MAX))
        .footer(CreateEmbedFooter::new(source))
}

/// One row of buttons, each answering the entry it names when clicked.
#[must_use]
pub fn entry_buttons(label_prefix: &str, entries: &[Suggestion]) -> Vec<CreateActionRow> {
    let buttons: Vec<CreateButton> = entries
        .iter()
        .filter(|s| ENTRY_BUTTON.len() + s.id.len() <= CUSTOM_ID_MAX)
        .take(MAX_BUTTONS)
        .map(|s| {
            CreateButton::new(format!("{ENTRY_BUTTON}{}", s.id))
                .label(truncate(
                    &format!("{label_prefix}{}", s.question),
                    BUTTON_LABEL_MAX,
                ))
                .style(ButtonStyle::Secondary)
        })
        .collect();
    if buttons.is_empty() {
        Vec::new()
    } else {
        vec![CreateActionRow::Buttons(buttons)]
    }
}

/// 👍/👎 under an answer, naming the entry answered; none when the id is too long for a
/// custom id.
#[must_use]
pub fn feedback_buttons(entry: &str) -> Vec<CreateActionRow> {
    let up = format!("{FEEDBACK_BUTTON}up:{entry}");
    let down = format!("{FEEDBACK_BUTTON}down:{entry}");
    if down.len() > CUSTOM_ID_MAX {
        return Vec::new();
    }
    vec![CreateActionRow::Buttons(vec![
        CreateButton::new(up)
            .emoji('👍')
            .style(ButtonStyle::Secondary),
        CreateButton::new(down)
            .emoji('👎')
            .style(ButtonStyle::Secondary),
    ])]
}

/// "Not what I asked" under an answer the bot gave by itself; none when the id is too long
/// for a custom id.
#[must_use]
pub fn not_asked_button(entry: &str) -> Vec<CreateActionRow> {
    let id = format!("{NOT_ASKED_BUTTON}{entry}");
    if id.len() > CUSTOM_ID_MAX {
        return Vec::new();
    }
    vec![CreateActionRow::Buttons(vec![CreateButton::new(id)
        .label("Not what I asked")
        .style(ButtonStyle::Secondary)])]
}

/// The RESCs with their full names and leaders, in one embed.
pub fn leaders_embed(faq: &Faq, source: &str) -> CreateEmbed {
    let mut embed = CreateEmbed::new()
        .title(format!(
            "The {} RESCs of the RESC Alliance",
            crate::faq::count_word(faq.rescs.len())
        ))
        .footer(CreateEmbedFooter::new(source));
    for resc in &faq.rescs {
        embed = embed.field(
            truncate(&resc.display_name(), TITLE_MAX),
            truncate(&leader_line(resc), FIELD_VALUE_MAX),
            false,
        );
    }
    embed
}

/// Who leads a RESC, as one line.
#[must_use]
pub fn leader_line(resc: &Resc) -> String {
    resc.leader.as_ref().map_or_else(
        || "Leader not listed.".to_owned(),
        |l| format!("{}, {}", l.display_name(), l.title),
    )
}

/// One RESC: full name, leader and the FAQ entries about it.
pub fn resc_embed(resc: &Resc, entries: &[Suggestion], source: &str) -> CreateEmbed {
    let mut embed = CreateEmbed::new()
        .title(truncate(&resc.display_name(), TITLE_MAX))
        .field(
            "Leader",
            truncate(&leader_line(resc), FIELD_VALUE_MAX),
            false,
        )
        .footer(CreateEmbedFooter::new(source));
    if !resc.aka.is_empty() {
        embed = embed.field(
            "Also known as",
            truncate(&resc.aka.join(", "), FIELD_VALUE_MAX),
            false,
        );
    }
    if !entries.is_empty() {
        let list: Vec<String> = entries
            .iter()
            .map(|e| format!("• {}", e.question))
            .collect();
        embed = embed.field("Ask me", truncate(&list.join("\n"), FIELD_VALUE_MAX), false);
    }
    embed
}

/// `/topics` split into pages that each fit one embed: (tag, questions) per field.
#[must_use]
pub fn topic_pages(topics: &[(String, Vec<String>)]) -> Vec<Vec<(String, String)>> {
    let mut pages: Vec<Vec<(String, String)>> = Vec::new();
    let mut page: Vec<(String, String)> = Vec::new();
    let mut chars = 0;
    for (tag, questions) in topics {
        // A long topic is cut into several fields, each under the field limit.
        let mut value = String::new();
        let mut fields = Vec::new();
        for q in questions {
            let line = format!("• {}\n", truncate(q, FIELD_VALUE_MAX - 4));
            if value.len() + line.len() > FIELD_VALUE_MAX {
                fields.push(std::mem::take(&mut value));
            }
            value.push_str(&line);
        }
        if !value.is_empty() {
            fields.push(value);
        }
        for value in fields {
            let size = tag.len() + value.len();
            if !page.is_empty()
                && (chars + size > TOPICS_PAGE_CHARS || page.len() >= TOPICS_PAGE_FIELDS)
            {
                pages.push(std::mem::take(&mut page));
                chars = 0;
            }
            chars += size;
            page.push((tag.clone(), value.trim_end().to_owned()));
        }
    }
    pages.push(page);
    pages
}

/// The FAQ's topics as (tag, questions), for [`topic_pages`].
#[must_use]
pub fn topics(faq: &Faq) -> Vec<(String, Vec<String>)> {
    faq.topics()
        .into_iter()
        .map(|(tag, entries)| (tag, entries.iter().map(|e| e.question.clone()).collect()))
        .collect()
}

/// Page `page` (from 0) of `/topics`, with Previous/Next buttons when there is more than one.
pub fn topics_page(
    pages: &[Vec<(String, String)>],
    page: usize,
    source: &str,
) -> (CreateEmbed, Vec<CreateActionRow>) {
    let page = page.min(pages.len().saturating_sub(1));
    let mut embed = CreateEmbed::new()
        .title("What I can answer")
        .description("Ask with /ask, or mention me with your question.");
    for (tag, value) in pages.get(page).into_iter().flatten() {
        embed = embed.field(truncate(tag, TITLE_MAX), value, false);
    }
    if pages.len() <= 1 {
        return (embed.footer(CreateEmbedFooter::new(source)), Vec::new());
    }
    embed = embed.footer(CreateEmbedFooter::new(format!(
        "Page {} of {} · {source}",
        page + 1,
        pages.len()
    )));
    let buttons = vec![CreateActionRow::Buttons(vec![
        CreateButton::new(format!("{TOPICS_BUTTON}{}", page.saturating_sub(1)))
            .label("Previous")
            .style(ButtonStyle::Secondary)
            .disabled(page == 0),
        CreateButton::new(format!("{TOPICS_BUTTON}{}", page + 1))
            .label("Next")
            .style(ButtonStyle::Secondary)
            .disabled(page + 1 >= pages.len()),
    ])];
    (embed, buttons)
}

/// What `/help` says.
pub const HELP: &str = "I answer questions about Connecticut's Regional Educational Service Centers (RESCs) and the RESC Alliance.
• `/ask` a question, for example \"Who leads LEARN?\"
• `/leaders`: the six RESCs and who leads them
• `/leader` or `/resc`: one RESC
• `/topics`: everything I can answer
You can also mention me with a question, or send me a direct message; 👍/👎 under an answer tell the moderators whether it helped.
Follow-ups work: after \"Who leads ACES?\", ask \"and CREC?\" or \"is he a doctor?\".
Moderators change what I know with `/faq`.";

/// What the bot says to a mention or DM that holds no question.
pub const NOT_A_QUESTION: &str =
    "Ask me a question after the mention, for example \"Who leads LEARN?\", or use /ask.";

/// The question in a message: Discord's mention markup (users, roles, channels, `@everyone`,
/// `@here`) removed, spaces collapsed. The engine then never sees ids, and the reply cannot
/// echo a ping.
#[must_use]
pub fn strip_mentions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = mention_len(rest) {
            out.push(' ');
            rest = &rest[len..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Length of the mention that `text` starts with, if it starts with one.
fn mention_len(text: &str) -> Option<usize> {
    for word in ["@everyone", "@here"] {
        if text.starts_with(word) {
            return Some(word.len());
        }
    }
    let after = ["<@!", "<@&", "<@", "<#"]
        .iter()
        .find_map(|p| text.strip_prefix(p))?;
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && after.as_bytes().get(digits) == Some(&b'>'))
        .then(|| text.len() - after.len() + digits + 1)
}

/// Cuts `text` to at most `max` characters, ending with "…" when cut.
#[must_use]
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// An autocomplete choice: Discord refuses names or values over 100 characters.
pub fn choice(text: &str) -> serenity::AutocompleteChoice {
    let text = truncate(text, CHOICE_MAX);
    serenity::AutocompleteChoice::new(text.clone(), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_every_kind_of_mention() {
        assert_eq!(
            strip_mentions("<@1> <@!22> who leads <@&333> LEARN? <#4444> @everyone @here"),
            "who leads LEARN?"
        );
        assert_eq!(strip_mentions("<@1>"), "");
        assert_eq!(
            strip_mentions("email a@b.c <@x> <@>"),
            "email a@b.c <@x> <@>"
        );
    }

    #[test]
    fn truncates_on_characters_not_bytes() {
        assert_eq!(truncate("héllo", 5), "héllo");
        assert_eq!(truncate("héllo wörld", 5), "héll…");
    }

    #[test]
    fn topics_fit_in_pages() {
        let topics: Vec<(String, Vec<String>)> = (0..30)
            .map(|t| {
                (
                    format!("tag{t}"),
                    (0..20)
                        .map(|q| format!("question {q} {}", "x".repeat(40)))
                        .collect(),
                )
            })
            .collect();
        let pages = topic_pages(&topics);
        assert!(pages.len() > 1);
        for page in &pages {
            assert!(page.len() <= TOPICS_PAGE_FIELDS);
            assert!(page
                .iter()
                .all(|(_, v)| v.chars().count() <= FIELD_VALUE_MAX));
            let size: usize = page.iter().map(|(t, v)| t.len() + v.len()).sum();
            assert!(size <= 6000);
        }
        let lines: usize = pages.iter().flatten().map(|(_, v)| v.lines().count()).sum();
        assert_eq!(lines, 30 * 20);
    }

    #[test]
    fn no_pings_allows_nobody() {
        let v = serde_json::to_value(no_pings()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"parse": [], "users": [], "roles": [], "replied_user": false})
        );
    }
}
