//! The `/faq` commands: moderators reload, validate and edit the FAQ, and read what the bot
//! could not answer, from Discord.
//!
//! Only moderators may use them: members with the Manage Server permission, or with a role in
//! `discord.moderator_roles`. Discord hides the group from everyone else (it is registered
//! with `default_member_permissions = MANAGE_GUILD`), and every command, modal submission and
//! button here checks again, since a server admin can change who sees a command. Edits go
//! through the store's safe edits ([`FaqStore::add_entry`] and friends): a refused edit writes
//! nothing, and every edit is audited under the moderator's Discord username.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use poise::serenity_prelude as serenity;
use poise::CreateReply;
use serenity::{
    ButtonStyle, CreateActionRow, CreateButton, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateModal, InputTextStyle,
};
use tracing::{info, warn};

use super::{render, Context, Data, Error};
use crate::config::DiscordConfig;
use crate::edit::{Action, EditError, Edited, EntryDraft};
use crate::faq::Origin;
use crate::records;
#[cfg(doc)]
use crate::store::FaqStore;

/// `custom_id` of the modal that adds an entry.
pub const ADD_MODAL: &str = "faqadd";
/// Prefix of the `custom_id` of the modal that edits an entry; the entry id follows.
pub const EDIT_MODAL: &str = "faqedit:";
/// What everyone but a moderator is told.
pub const NOT_A_MODERATOR: &str = "Only moderators (members with the Manage Server permission or a moderator role) can change the FAQ.";

/// The reply to a form this version of the bot does not know (opened before an upgrade).
const UNKNOWN_FORM: &str = "This form is from an older version of the bot, so nothing was changed. Open it again with /faq add or /faq edit.";
/// The reply to a submission Discord delivered a second time.
const ALREADY_SUBMITTED: &str =
    "This form was already submitted; it was not applied a second time.";

/// Discord's limit on a text input's value.
const INPUT_MAX: usize = 4000;
/// Questions listed by `/faq unanswered`, and how many of them get a button.
const UNANSWERED_LISTED: usize = 10;
const UNANSWERED_BUTTONS: usize = 5;

/// Questions offered as alternates by `/faq unanswered`, keyed by a counter: a custom id
/// holds at most 100 characters, a question up to 1000. Old offers are forgotten first.
#[derive(Default)]
pub struct Pending {
    next: AtomicU64,
    offers: Mutex<BTreeMap<u64, (String, String)>>,
}

impl Pending {
    const KEPT: usize = 500;

    /// Remembers (question, entry id) and returns its key.
    pub fn insert(&self, question: String, entry: String) -> u64 {
        let key = self.next.fetch_add(1, Ordering::SeqCst);
        let mut offers = self.offers.lock().unwrap_or_else(PoisonError::into_inner);
        offers.insert(key, (question, entry));
        while offers.len() > Self::KEPT {
            offers.pop_first();
        }
        key
    }

    /// The (question, entry id) offered under `key`, if still remembered.
    pub fn get(&self, key: u64) -> Option<(String, String)> {
        self.offers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
            .cloned()
    }
}

/// Whether `member` may use the moderator commands; nobody may in a DM (no member).
#[must_use]
pub fn is_moderator(member: Option<&serenity::Member>, config: &DiscordConfig) -> bool {
    member.is_some_and(|m| {
        m.permissions
            .is_some_and(|p| p.manage_guild() || p.administrator())
            || m.roles
                .iter()
                .any(|r| config.moderator_roles.contains(&r.get()))
    })
}

/// The check on `/faq`, which poise runs before every subcommand: only moderators pass. A
/// refusal is answered once, in [`super::on_error`].
#[allow(clippy::unused_async)] // poise awaits every check
async fn moderator_only(ctx: Context<'_>) -> Result<bool, Error> {
    let member = match ctx {
        poise::Context::Application(app) => app.interaction.member.as_deref(),
        poise::Context::Prefix(_) => None,
    };
    Ok(is_moderator(member, &ctx.data().config))
}

/// A private reply of plain text, cut to what a message holds.
pub(super) async fn say(ctx: Context<'_>, text: &str) -> Result<(), Error> {
    ctx.send(
        CreateReply::default()
            .content(render::truncate(text, render::CONTENT_MAX))
            .ephemeral(true)
            .allowed_mentions(render::no_pings()),
    )
    .await?;
    Ok(())
}

fn private(text: &str) -> CreateInteractionResponse {
    CreateInteractionResponse::Message(
        CreateInteractionResponseMessage::new()
            .content(render::truncate(text, render::CONTENT_MAX))
            .ephemeral(true)
            .allowed_mentions(render::no_pings()),
    )
}

/// Moderators: change the FAQ and see what the bot could not answer.
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    subcommands(
        "reload",
        "validate",
        "add",
        "edit",
        "remove",
        "history",
        "unanswered",
        "stats",
        "check_source"
    ),
    subcommand_required,
    check = "moderator_only"
)]
#[allow(clippy::unused_async)] // poise needs an async parent; Discord only runs subcommands
pub async fn faq(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Compare the FAQ with the About Us page (`faq.source_url`): leaders, facts, paragraphs.
#[poise::command(slash_command, rename = "check-source")]
async fn check_source(ctx: Context<'_>) -> Result<(), Error> {
    let Some(page) = ctx.data().store.faq_config.source_url.clone() else {
        return say(ctx, NO_SOURCE).await;
    };
    // Fetching the page may take up to its timeout: past Discord's 3 s for a reply.
    ctx.defer_ephemeral().await?;
    let (text, leaders_differ) = match read_source(&page).await {
        Ok(blocks) => {
            let findings = crate::source::check(ctx.data().store.matcher().faq(), &blocks);
            let differ = findings
                .iter()
                .any(crate::source::Finding::is_about_leaders);
            (source_report(&page, &findings), differ)
        }
        Err(e) => (format!("Cannot read the page: {e}"), false),
    };
    let mut reply = CreateReply::default()
        .content(render::truncate(&text, render::CONTENT_MAX))
        .ephemeral(true)
        .allowed_mentions(render::no_pings());
    if leaders_differ {
        reply = reply.components(vec![serenity::CreateActionRow::Buttons(vec![
            CreateButton::new(render::IMPORT_BUTTON)
                .label("Import leaders")
                .style(serenity::ButtonStyle::Primary),
        ])]);
    }
    ctx.send(reply).await?;
    Ok(())
}

/// What a moderator is told when `faq.source_url` is not set.
const NO_SOURCE: &str =
    "No page to compare with: set faq.source_url in the config to the About Us page's URL.";

/// Reads the page at `page` (a URL, or a file for a copy kept on disk).
pub(super) async fn read_source(page: &str) -> Result<Vec<String>, crate::source::PageError> {
    if crate::source::is_url(page) {
        #[cfg(feature = "fetch")]
        return crate::source::fetch(page, SOURCE_TIMEOUT).await;
        #[cfg(not(feature = "fetch"))]
        return crate::source::read_page(page, SOURCE_TIMEOUT);
    }
    let path = std::path::PathBuf::from(page);
    tokio::task::spawn_blocking(move || crate::source::read_file(&path))
        .await
        .unwrap_or_else(|e| {
            Err(crate::source::PageError::Fetch {
                url: page.to_owned(),
                reason: e.to_string(),
            })
        })
}

/// How long fetching the page may take.
const SOURCE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The findings as moderators read them, one a line, or that the FAQ is in step.
pub(super) fn source_report(page: &str, findings: &[crate::source::Finding]) -> String {
    if findings.is_empty() {
        return format!("The FAQ is in step with {page}.");
    }
    let mut text = format!("The FAQ differs from {page}:\n");
    for f in findings {
        text.push_str(&format!("• {f}\n"));
    }
    text
}

/// The "Import leaders" button of `/faq check-source`: the page's leaders into the directory.
pub async fn on_import(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
) -> Result<(), Error> {
    if !is_moderator(click.member.as_ref(), &data.config) {
        click.create_response(ctx, private(NOT_A_MODERATOR)).await?;
        return Ok(());
    }
    let Some(page) = data.store.faq_config.source_url.clone() else {
        click.create_response(ctx, private(NO_SOURCE)).await?;
        return Ok(());
    };
    let text = match read_source(&page).await {
        Err(e) => format!("Nothing was changed: cannot read the page: {e}"),
        Ok(blocks) => {
            let leaders = crate::source::leader_lines(&blocks);
            match data
                .store
                .import_leaders(&leaders, &page, &click.user.name, false)
            {
                Ok(imported) if imported.changes.is_empty() => {
                    "The directory already has the page's leaders.".to_owned()
                }
                Ok(imported) => format!(
                    "Imported the leaders into {}; it is answering now:\n• {}",
                    imported
                        .file
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    imported.changes.join("\n• ")
                ),
                Err(e) => format!("Nothing was changed: {e}"),
            }
        }
    };
    click.create_response(ctx, private(&text)).await?;
    Ok(())
}

/// Read the FAQ files again now (saved files are also picked up by themselves).
#[poise::command(slash_command)]
async fn reload(ctx: Context<'_>) -> Result<(), Error> {
    let text = match ctx.data().store.reload() {
        Ok(summary) => summary.to_string(),
        Err(errors) => format!(
            "The FAQ files have problems; still answering from the last good FAQ.\n{errors}"
        ),
    };
    say(ctx, &text).await
}

/// Check the FAQ files for problems without changing what the bot answers.
#[poise::command(slash_command)]
async fn validate(ctx: Context<'_>) -> Result<(), Error> {
    let text = match crate::faq::load_dir(ctx.data().store.dir()) {
        Ok(faq) => format!(
            "The FAQ files are valid: {} entries, {} synonym groups.",
            faq.entries.len(),
            faq.synonyms.len()
        ),
        Err(errors) => format!("The FAQ files have problems:\n{errors}"),
    };
    say(ctx, &text).await
}

/// Add an FAQ entry (opens a form).
#[poise::command(slash_command)]
async fn add(ctx: Context<'_>) -> Result<(), Error> {
    open_form(
        ctx,
        ADD_MODAL.to_owned(),
        "Add an FAQ entry",
        &EntryDraft::default(),
    )
    .await
}

/// Change an FAQ entry (opens a form holding it).
#[poise::command(slash_command)]
async fn edit(
    ctx: Context<'_>,
    #[description = "The entry's id"]
    #[autocomplete = "autocomplete_entry"]
    id: String,
) -> Result<(), Error> {
    let matcher = ctx.data().store.matcher();
    let Some(entry) = matcher.entry(&id) else {
        return say(ctx, &EditError::NotFound(id).to_string()).await;
    };
    let custom_id = format!("{EDIT_MODAL}{id}");
    let draft = EntryDraft::from_entry(entry);
    let too_long = [&draft.question, &draft.answer, &draft.alternates.join("\n")]
        .iter()
        .any(|f| f.chars().count() > INPUT_MAX);
    if custom_id.len() > render::CUSTOM_ID_MAX || too_long {
        return say(
            ctx,
            &format!("`{id}` is too long to edit in a Discord form; edit its file instead."),
        )
        .await;
    }
    open_form(ctx, custom_id, "Edit an FAQ entry", &draft).await
}

/// Remove an FAQ entry.
#[poise::command(slash_command)]
async fn remove(
    ctx: Context<'_>,
    #[description = "The entry's id"]
    #[autocomplete = "autocomplete_entry"]
    id: String,
) -> Result<(), Error> {
    let result = ctx.data().store.remove_entry(&id, &ctx.author().name);
    say(ctx, &outcome_text(result)).await
}

/// The latest changes made to the FAQ, newest first.
#[poise::command(slash_command)]
async fn history(
    ctx: Context<'_>,
    #[description = "How many changes (default 10)"]
    #[min = 1]
    #[max = 25]
    limit: Option<u32>,
) -> Result<(), Error> {
    let limit = usize::try_from(limit.unwrap_or(10)).unwrap_or(10);
    let records = ctx.data().store.history(limit);
    if records.is_empty() {
        return say(
            ctx,
            "No changes have been made from Discord or the terminal yet.",
        )
        .await;
    }
    let mut text = String::from("Latest FAQ changes, newest first:\n");
    for r in records {
        let action = match r.action {
            Action::Add => "added",
            Action::Edit => "edited",
            Action::Remove => "removed",
            Action::AddAlternate => "added a way of asking to",
            Action::ImportLeaders => "imported the leaders into",
        };
        let _ = writeln!(
            text,
            "• {}: {} {action} `{}` ({})",
            r.when,
            render::strip_mentions(&r.who),
            r.id,
            r.file
        );
    }
    say(ctx, &text).await
}

/// The questions most often declined or rated 👎 lately, with where they might belong.
#[poise::command(slash_command)]
async fn unanswered(
    ctx: Context<'_>,
    #[description = "Look back this many days (default 7)"]
    #[min = 1]
    #[max = 365]
    days: Option<u32>,
) -> Result<(), Error> {
    let data = ctx.data();
    let days = days.unwrap_or(7);
    if !data.recorder.is_enabled() {
        return say(ctx, NOT_RECORDING).await;
    }
    let list = data.recorder.unanswered(days, UNANSWERED_LISTED)?;
    if list.is_empty() {
        return say(
            ctx,
            &format!(
                "Every question of the last {days} days was answered, and no answer was rated 👎."
            ),
        )
        .await;
    }
    let matcher = data.store.matcher();
    let mut text = format!("Declined or rated 👎 in the last {days} days, most frequent first:\n");
    let mut buttons = Vec::new();
    for (n, u) in list.iter().enumerate() {
        let near = records::nearest_entry(&matcher, &u.question);
        let _ = write!(
            text,
            "{}. {} (×{}",
            n + 1,
            render::truncate(&u.question, 150),
            u.count
        );
        if u.not_helpful > 0 {
            let _ = write!(text, ", 👎 {}", u.not_helpful);
        }
        text.push(')');
        if let Some(near) = &near {
            let _ = write!(text, ": nearest `{}`", near.id);
            if buttons.len() < UNANSWERED_BUTTONS {
                let key = data
                    .pending_alternates
                    .insert(u.question.clone(), near.id.clone());
                let label = format!("{}. Add as alternate of {}", n + 1, near.id);
                buttons.push(
                    CreateButton::new(format!("{}{key}", render::ALTERNATE_BUTTON))
                        .label(render::truncate(&label, render::BUTTON_LABEL_MAX))
                        .style(ButtonStyle::Primary),
                );
            }
        }
        text.push('\n');
    }
    let mut reply = CreateReply::default()
        .content(render::truncate(&text, render::CONTENT_MAX))
        .ephemeral(true)
        .allowed_mentions(render::no_pings());
    if !buttons.is_empty() {
        reply = reply.components(vec![CreateActionRow::Buttons(buttons)]);
    }
    ctx.send(reply).await?;
    Ok(())
}

/// How the bot did: questions asked, answer rate, 👍/👎, most asked entries.
#[poise::command(slash_command)]
async fn stats(
    ctx: Context<'_>,
    #[description = "Look back this many days (default 7; 30 for a month)"]
    #[min = 1]
    #[max = 365]
    days: Option<u32>,
) -> Result<(), Error> {
    let data = ctx.data();
    if !data.recorder.is_enabled() {
        return say(ctx, NOT_RECORDING).await;
    }
    let text = data.recorder.stats(days.unwrap_or(7))?.to_string();
    say(ctx, &text).await
}

const NOT_RECORDING: &str = "Questions are not being recorded (records.enabled is off, or the records database could not be opened; see the bot's log).";

/// Offers the entries written in the FAQ files (the directory's are edited in its file) whose
/// id or question contains what was typed.
#[allow(clippy::unused_async)] // poise awaits every autocomplete function
async fn autocomplete_entry(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let matcher = ctx.data().store.matcher();
    let choices = matcher
        .entries_containing(partial)
        .filter(|e| matches!(e.origin, Origin::File { .. }))
        .filter(|e| e.id.len() <= 100)
        .take(render::AUTOCOMPLETE_MAX)
        .map(|e| {
            serenity::AutocompleteChoice::new(
                render::truncate(&format!("{}: {}", e.id, e.question), 100),
                e.id.clone(),
            )
        })
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// Answers the command with the entry form, filled with `draft`.
async fn open_form(
    ctx: Context<'_>,
    custom_id: String,
    title: &str,
    draft: &EntryDraft,
) -> Result<(), Error> {
    let poise::Context::Application(app) = ctx else {
        return Ok(());
    };
    let input = |style, label: &str, id: &str, value: String, required: bool| {
        let mut input = CreateInputText::new(style, label, id)
            .required(required)
            .max_length(4000);
        if !value.is_empty() {
            input = input.value(value);
        }
        CreateActionRow::InputText(input)
    };
    let modal = CreateModal::new(custom_id, title).components(vec![
        input(
            InputTextStyle::Short,
            "Question",
            "question",
            draft.question.clone(),
            true,
        ),
        input(
            InputTextStyle::Paragraph,
            "Other ways of asking (one per line)",
            "alternates",
            draft.alternates.join("\n"),
            false,
        ),
        input(
            InputTextStyle::Paragraph,
            "Answer",
            "answer",
            draft.answer.clone(),
            true,
        ),
        input(
            InputTextStyle::Short,
            "Tags (comma separated)",
            "tags",
            draft.tags.join(", "),
            false,
        ),
    ]);
    app.interaction
        .create_response(
            ctx.serenity_context(),
            CreateInteractionResponse::Modal(modal),
        )
        .await?;
    app.has_sent_initial_response.store(true, Ordering::SeqCst);
    Ok(())
}

/// The entry form submitted: adds or replaces the entry, or says why nothing was written.
pub async fn on_modal(
    ctx: &serenity::Context,
    data: &Data,
    submit: &serenity::ModalInteraction,
) -> Result<(), Error> {
    let custom_id = submit.data.custom_id.as_str();
    let editing = if custom_id == ADD_MODAL {
        None
    } else if let Some(id) = custom_id.strip_prefix(EDIT_MODAL) {
        Some(id)
    } else {
        warn!(custom_id, "a form this version does not know was submitted");
        submit.create_response(ctx, private(UNKNOWN_FORM)).await?;
        return Ok(());
    };
    let text = if !data.submitted.first_time(submit.id) {
        info!(
            custom_id,
            "a form submission delivered again was not applied again"
        );
        ALREADY_SUBMITTED.to_owned()
    } else if is_moderator(submit.member.as_ref(), &data.config) {
        let draft = draft_of(&submit.data.components);
        let who = &submit.user.name;
        outcome_text(match editing {
            None => data.store.add_entry(&draft, who),
            Some(id) => data.store.edit_entry(id, &draft, who),
        })
    } else {
        NOT_A_MODERATOR.to_owned()
    };
    submit.create_response(ctx, private(&text)).await?;
    Ok(())
}

/// An "add as alternate" button of `/faq unanswered`.
pub async fn on_add_alternate(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    key: &str,
) -> Result<(), Error> {
    let offer = key
        .parse()
        .ok()
        .and_then(|k| data.pending_alternates.get(k));
    let text = if !is_moderator(click.member.as_ref(), &data.config) {
        NOT_A_MODERATOR.to_owned()
    } else if let Some((question, id)) = offer {
        outcome_text(data.store.add_alternate(&id, &question, &click.user.name))
    } else {
        "This list is out of date (the bot has restarted since). Run /faq unanswered again."
            .to_owned()
    };
    click.create_response(ctx, private(&text)).await?;
    Ok(())
}

/// What the moderator is told about an edit.
fn outcome_text(result: Result<Edited, EditError>) -> String {
    match result {
        Ok(edited) => {
            let r = &edited.record;
            info!(id = %r.id, file = %r.file, action = ?r.action, "FAQ edited from Discord");
            let done = match r.action {
                Action::Add => format!("Added `{}` to {}", r.id, r.file),
                Action::Edit => format!("Updated `{}` in {}", r.id, r.file),
                Action::Remove => format!("Removed `{}` from {}", r.id, r.file),
                Action::ImportLeaders => format!("Imported the leaders into {}", r.file),
                Action::AddAlternate => format!(
                    "Added \"{}\" as a way of asking `{}` in {}",
                    r.after
                        .as_ref()
                        .and_then(|a| a.alternates.last())
                        .map_or("", String::as_str),
                    r.id,
                    r.file
                ),
            };
            format!("{done}. It is answering now.")
        }
        Err(e) => format!("Nothing was changed: {e}"),
    }
}

/// The entry the form holds: alternates one per line, tags comma separated, blanks dropped.
fn draft_of(rows: &[serenity::ActionRow]) -> EntryDraft {
    let mut draft = EntryDraft::default();
    for input in rows.iter().flat_map(|r| &r.components) {
        let serenity::ActionRowComponent::InputText(input) = input else {
            continue;
        };
        let value = input.value.as_deref().unwrap_or_default();
        match input.custom_id.as_str() {
            "question" => value.trim().clone_into(&mut draft.question),
            "answer" => value.trim().clone_into(&mut draft.answer),
            "alternates" => {
                draft.alternates = value
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            "tags" => {
                draft.tags = value
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            _ => {}
        }
    }
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_offers_are_kept_up_to_a_limit() {
        let pending = Pending::default();
        let first = pending.insert("q".into(), "e".into());
        assert_eq!(pending.get(first), Some(("q".into(), "e".into())));
        for _ in 0..Pending::KEPT {
            pending.insert("q".into(), "e".into());
        }
        assert_eq!(pending.get(first), None);
    }

    #[test]
    fn moderators_have_manage_server_or_a_moderator_role() {
        let member = |perms: u64, roles: &[u64]| -> serenity::Member {
            serde_json::from_value(serde_json::json!({
                "user": {"id": "4", "username": "u"}, "roles": roles.iter().map(u64::to_string).collect::<Vec<_>>(),
                "deaf": false, "mute": false, "flags": 0, "permissions": perms.to_string(),
                "joined_at": null, "guild_id": "2",
            }))
            .unwrap()
        };
        let config = DiscordConfig {
            moderator_roles: vec![77],
            ..DiscordConfig::default()
        };
        assert!(is_moderator(Some(&member(32, &[])), &config));
        assert!(is_moderator(Some(&member(0, &[77])), &config));
        assert!(!is_moderator(Some(&member(2048, &[78])), &config));
        assert!(!is_moderator(None, &config));
    }
}
