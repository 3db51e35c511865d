//! The slash commands. Each one asks the engine for plain data and hands it to [`super::render`].

use poise::serenity_prelude as serenity;
use poise::CreateReply;

use super::{render, Context, Error};
use crate::matcher::Suggestion;

/// Every command, in the order Discord lists them.
pub fn all() -> Vec<poise::Command<super::Data, Error>> {
    vec![
        ask(),
        leaders(),
        leader(),
        resc(),
        topics(),
        help(),
        super::moderation::faq(),
    ]
}

/// Ask a question about Connecticut's RESCs or the RESC Alliance.
#[poise::command(slash_command)]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, for example: Who leads LEARN?"]
    #[autocomplete = "autocomplete_question"]
    question: String,
) -> Result<(), Error> {
    let source = super::source_of(ctx.guild_id());
    let asker = super::Asker {
        channel: ctx.channel_id(),
        user: ctx.author().id,
    };
    let reply = ctx.data().answer(&question, asker, "command", source);
    ctx.send(reply.rendered.into_reply()).await?;
    Ok(())
}

/// Suggests FAQ questions as the educator types: the matcher's best candidates first, then
/// questions containing what was typed.
#[allow(clippy::unused_async)] // poise awaits every autocomplete function
async fn autocomplete_question(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let choices = ctx
        .data()
        .question_choices(partial)
        .iter()
        .map(|q| render::choice(q))
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// The six RESCs, their full names and who leads them.
#[poise::command(slash_command)]
pub async fn leaders(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let embed = render::leaders_embed(data.store.matcher().faq(), &data.config.source);
    ctx.send(quiet().embed(embed)).await?;
    Ok(())
}

/// Who leads one RESC.
#[poise::command(slash_command)]
pub async fn leader(
    ctx: Context<'_>,
    #[description = "The RESC, for example LEARN"]
    #[autocomplete = "autocomplete_resc"]
    resc: String,
) -> Result<(), Error> {
    let data = ctx.data();
    let matcher = data.store.matcher();
    let Some(found) = matcher.faq().resc(&resc) else {
        return unknown_resc(ctx, &resc).await;
    };
    let embed = serenity::CreateEmbed::new()
        .title(render::truncate(&found.display_name(), 256))
        .description(format!("Led by {}.", render::leader_line(found)))
        .footer(serenity::CreateEmbedFooter::new(&data.config.source));
    ctx.send(quiet().embed(embed)).await?;
    Ok(())
}

/// One RESC: its full name, its leader and what you can ask about it.
#[poise::command(slash_command)]
pub async fn resc(
    ctx: Context<'_>,
    #[description = "The RESC, for example ACES"]
    #[autocomplete = "autocomplete_resc"]
    name: String,
) -> Result<(), Error> {
    let data = ctx.data();
    let matcher = data.store.matcher();
    let faq = matcher.faq();
    let Some(found) = faq.resc(&name) else {
        return unknown_resc(ctx, &name).await;
    };
    let entries: Vec<Suggestion> = matcher
        .entries_naming(found)
        .into_iter()
        .take(5)
        .map(Suggestion::from)
        .collect();
    let embed = render::resc_embed(found, &entries, &data.config.source);
    ctx.send(
        quiet()
            .embed(embed)
            .components(render::entry_buttons("", &entries)),
    )
    .await?;
    Ok(())
}

/// Offers the RESCs of the FAQ's directory whose names start with (or contain) what was typed.
#[allow(clippy::unused_async)] // poise awaits every autocomplete function
async fn autocomplete_resc(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let partial = partial.trim().to_lowercase();
    let matcher = ctx.data().store.matcher();
    let rescs = &matcher.faq().rescs;
    let mut names: Vec<&str> = rescs
        .iter()
        .filter(|r| r.name.to_lowercase().starts_with(&partial))
        .map(|r| r.name.as_str())
        .collect();
    for r in rescs {
        if !names.contains(&r.name.as_str())
            && r.all_names().any(|n| n.to_lowercase().contains(&partial))
        {
            names.push(&r.name);
        }
    }
    let choices = names
        .into_iter()
        .take(render::AUTOCOMPLETE_MAX)
        .map(render::choice)
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

async fn unknown_resc(ctx: Context<'_>, name: &str) -> Result<(), Error> {
    let matcher = ctx.data().store.matcher();
    let names: Vec<&str> = matcher
        .faq()
        .rescs
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    ctx.send(
        quiet()
            .content(format!(
                "I don't know a RESC called \"{}\". The RESCs are: {}.",
                render::truncate(&render::strip_mentions(name), 50),
                names.join(", ")
            ))
            .ephemeral(true),
    )
    .await?;
    Ok(())
}

/// Everything I can answer, grouped by topic.
#[poise::command(slash_command)]
pub async fn topics(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let pages = render::topic_pages(&render::topics(data.store.matcher().faq()));
    let (embed, buttons) = render::topics_page(&pages, 0, &data.config.source);
    ctx.send(quiet().embed(embed).components(buttons)).await?;
    Ok(())
}

/// How to ask me questions.
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    ctx.send(quiet().content(render::HELP).ephemeral(true))
        .await?;
    Ok(())
}

/// Every reply starts here: nobody is ever pinged, whatever the text contains.
fn quiet() -> CreateReply {
    CreateReply::default().allowed_mentions(render::no_pings())
}
