//! The `rescbot` command: config, logging and the choice of front end.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use rescbot::records::{self, Recorder, Source};
use rescbot::store::{FaqStore, ReloadOutcome};
use rescbot::{console, eval, faq, Config, Matcher};

/// How often a running chat looks for saved FAQ files: well within the promised second.
const RELOAD_POLL: std::time::Duration = std::time::Duration::from_millis(200);

/// Answers educators' questions about Connecticut's RESCs and the RESC Alliance.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Folder of FAQ files.
    #[arg(long, global = true, default_value = "faq")]
    faq: PathBuf,
    /// Config file.
    #[arg(long, global = true, default_value = "config/rescbot.yaml")]
    config: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Answer one question (or, with `-`, one per line from standard input).
    Ask {
        /// The question, or `-` to read questions from standard input.
        question: String,
        /// Print one JSON object per question.
        #[arg(long)]
        json: bool,
        /// With --json: add the five best candidates and the time spent answering.
        #[arg(long, requires = "json")]
        explain: bool,
        /// Record the question in the question records (see `rescbot faq unanswered`).
        #[arg(long)]
        record: bool,
        /// With `-`: the lines are one person's conversation, so a follow-up ("and CREC?")
        /// is read in the light of the question before it.
        #[arg(long)]
        conversation: bool,
    },
    /// Ask questions interactively.
    Chat,
    /// List the RESCs and their leaders.
    Leaders,
    /// Check or export the FAQ.
    #[command(subcommand)]
    Faq(FaqCommand),
    /// Run a question set and report the matcher's accuracy.
    Eval {
        /// Question sets in the dev-questions format (their cases are pooled).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Instead of scoring: fit the answer/decline model on these sets and print it (the
        /// contents of config/decision.yaml).
        #[arg(long)]
        fit: bool,
        /// Ask each question of the FAQ without the phrasing nearest to it, as if the FAQ had
        /// not been worded after it: what the sets would score as new questions (with
        /// `--fit`, the model is fitted on the questions both as written and asked so).
        #[arg(long)]
        fresh: bool,
        /// Decide with this model file instead of the compiled-in config/decision.yaml (to
        /// try a refitted model before rebuilding).
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
        /// Exit with status 1 when the overall pass rate is below this.
        #[arg(long)]
        min_overall: Option<f64>,
    },
    /// Answer questions in Discord; needs a bot token in the environment.
    #[cfg(feature = "discord")]
    Serve {
        /// Send Discord REST calls through this HTTP proxy (overrides `discord.api_proxy`).
        #[arg(long, value_name = "URL")]
        api_proxy: Option<String>,
    },
    /// Ask a running bot's /healthz: exit 0 when healthy, 1 when not (for a Docker
    /// HEALTHCHECK in an image that has no curl).
    #[cfg(feature = "discord")]
    Health {
        /// The URL to ask (default: /healthz on `ops.listen`, or on 127.0.0.1:9100).
        url: Option<String>,
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 5)]
        timeout: u64,
    },
}

#[derive(Subcommand)]
enum FaqCommand {
    /// Check the FAQ files and report every problem.
    Validate {
        /// Folder to check (default: --faq).
        dir: Option<PathBuf>,
    },
    /// Print every entry, derived ones included.
    Export {
        /// As JSON (the only format).
        #[arg(long)]
        json: bool,
    },
    /// Write a synthetic FAQ of N entries and a file of queries for benchmarks.
    Synth {
        /// Number of entries.
        #[arg(long)]
        n: usize,
        /// Seed: the same seed always writes the same FAQ.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of queries to write to OUT/queries.yaml.
        #[arg(long, default_value_t = 1000)]
        queries: usize,
        /// Folder to write (OUT/faq/*.yaml and OUT/queries.yaml).
        #[arg(long)]
        out: PathBuf,
        /// Write even when OUT/faq already holds FAQ files (they may be overwritten).
        #[arg(long)]
        force: bool,
    },
    /// Compare the FAQ with the About Us page it is written from (a file or a URL).
    CheckSource {
        /// The page: a .txt, .md or .html file, or an http(s):// URL.
        page: String,
        /// Give up on a URL after this many seconds.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
    },
    /// Rewrite `leaders:` in the directory from the page's leader lines.
    ImportLeaders {
        /// The page: a .txt, .md or .html file, or an http(s):// URL.
        page: String,
        /// Print what would change and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Give up on a URL after this many seconds.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
    },
    /// List the questions the bot declined or whose answer was rated not helpful.
    Unanswered {
        /// Look this many days back.
        #[arg(long, default_value_t = 30)]
        days: u32,
        /// List at most this many questions.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Questions asked, answer rate, ratings and most asked entries (last 7 and 30 days).
    Stats {
        /// Only the last N days.
        #[arg(long)]
        days: Option<u32>,
    },
}

/// Loading and indexing a large FAQ makes millions of small allocations; mimalloc does them in
/// about half the time of the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The command line and the config file, read once when a command first needs it.
struct App<'a> {
    cli: &'a Cli,
    config: std::cell::OnceCell<Config>,
}

impl<'a> App<'a> {
    fn new(cli: &'a Cli) -> Self {
        Self {
            cli,
            config: std::cell::OnceCell::new(),
        }
    }

    fn config(&self) -> anyhow::Result<&Config> {
        if let Some(config) = self.config.get() {
            return Ok(config);
        }
        let config = Config::load(&self.cli.config)?;
        Ok(self.config.get_or_init(|| config))
    }

    /// A matcher over the FAQ folder with the configured settings.
    fn matcher(&self) -> anyhow::Result<Matcher> {
        let faq = faq::load_dir(&self.cli.faq).map_err(faq_problems(&self.cli.faq))?;
        Ok(Matcher::new(faq, self.config()?.matcher.clone()))
    }

    /// A store over the FAQ folder with the configured settings, for edits and reloads.
    fn store(&self) -> anyhow::Result<FaqStore> {
        let config = self.config()?;
        FaqStore::open_with(&self.cli.faq, config.matcher.clone(), config.faq.clone())
            .map_err(faq_problems(&self.cli.faq))
    }
}

/// "The FAQ in DIR has problems", followed by each one.
fn faq_problems(dir: &Path) -> impl FnOnce(faq::FaqErrors) -> anyhow::Error + '_ {
    move |errors| anyhow::anyhow!("the FAQ in {} has problems:\n{errors}", dir.display())
}

fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let app = App::new(cli);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match &cli.command {
        Command::Ask {
            question,
            json,
            explain,
            record,
            conversation,
        } => ask(
            &app,
            question,
            AskOptions {
                json: *json,
                explain: *explain,
                record: *record,
                conversation: *conversation,
            },
            &mut out,
        ),
        Command::Chat => chat(&app, &mut out),
        Command::Leaders => {
            write!(out, "{}", console::leaders_text(app.matcher()?.faq()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Faq(FaqCommand::Validate { dir }) => {
            Ok(validate(dir.as_deref().unwrap_or(&cli.faq)))
        }
        Command::Faq(FaqCommand::Export { json: _ }) => {
            let entries = console::export_json(app.matcher()?.faq());
            writeln!(out, "{}", serde_json::to_string_pretty(&entries)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Faq(FaqCommand::Synth {
            n,
            seed,
            queries,
            out: dir,
            force,
        }) => synth(*n, *seed, *queries, dir, *force, &mut out),
        Command::Faq(FaqCommand::CheckSource { page, timeout }) => {
            check_source(&app, page, *timeout, &mut out)
        }
        Command::Faq(FaqCommand::ImportLeaders {
            page,
            dry_run,
            timeout,
        }) => import_leaders(&app, page, *dry_run, *timeout, &mut out),
        Command::Faq(FaqCommand::Unanswered { days, limit }) => {
            if let Some(recorder) = open_records(&app, &mut out)? {
                unanswered(&app, &recorder, *days, *limit, &mut out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Faq(FaqCommand::Stats { days }) => {
            if let Some(recorder) = open_records(&app, &mut out)? {
                for days in days.map_or_else(|| vec![7, 30], |d| vec![d]) {
                    writeln!(out, "{}", recorder.stats(days)?)?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            files,
            fit,
            fresh,
            model,
            min_overall,
        } => evaluate(
            &app,
            files,
            (*fit, *fresh),
            model.as_deref(),
            *min_overall,
            &mut out,
        ),
        #[cfg(feature = "discord")]
        Command::Serve { api_proxy } => serve(&app, api_proxy.as_deref()),
        #[cfg(feature = "discord")]
        Command::Health { url, timeout } => health(&app, url.as_deref(), *timeout),
    }
}

/// The flags of `rescbot ask`.
#[derive(Clone, Copy)]
#[allow(clippy::struct_excessive_bools)] // four independent command-line switches
struct AskOptions {
    json: bool,
    explain: bool,
    record: bool,
    conversation: bool,
}

/// `rescbot ask`: one question, or one per line of standard input with `-`.
fn ask(
    app: &App,
    question: &str,
    options: AskOptions,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    if options.conversation && question != "-" {
        eprintln!(
            "--conversation reads a conversation from standard input: give `-` as the question"
        );
        return Ok(ExitCode::from(2));
    }
    let matcher = app.matcher()?;
    // Only on request, so that scripts, tests and CI never write a database.
    let recorder = if options.record {
        Recorder::from_config(&app.config()?.records)
    } else {
        Recorder::disabled()
    };
    if question == "-" {
        let minutes = app.config()?.conversation.context_minutes;
        let conversations = options
            .conversation
            .then(|| rescbot::conversation::Conversations::with_minutes(minutes));
        ask_lines(&matcher, conversations.as_ref(), &recorder, options, out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let reply = matcher.ask(question);
    recorder.record_question(&reply, Source::Terminal);
    if options.json {
        writeln!(out, "{}", console::json_reply(&reply, options.explain))?;
        if matches!(reply.outcome, rescbot::Outcome::Invalid(_)) {
            return Ok(ExitCode::from(2));
        }
    } else if let rescbot::Outcome::Invalid(problem) = &reply.outcome {
        eprintln!("{}", problem.message());
        return Ok(ExitCode::from(2));
    } else {
        writeln!(out, "{}", console::format_reply(&reply))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `rescbot ask -`: each line of standard input, as one conversation with `--conversation`.
fn ask_lines(
    matcher: &Matcher,
    conversations: Option<&rescbot::conversation::Conversations>,
    recorder: &Recorder,
    options: AskOptions,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    for line in console::input_lines(std::io::stdin().lock()) {
        let line = match line.context("cannot read standard input")? {
            Ok(line) => line,
            Err(not_text) if options.json => {
                writeln!(out, "{}", console::json_not_text(not_text))?;
                continue;
            }
            Err(not_text) => {
                writeln!(out, "{}\n", not_text.message())?;
                continue;
            }
        };
        let turn = match conversations {
            Some(c) => c.ask(matcher, "stdin", &line),
            None => rescbot::conversation::Turn {
                reply: matcher.ask(&line),
                resolved: None,
            },
        };
        recorder.record_question(&turn.reply, Source::Terminal);
        if options.json {
            let mut v = console::json_reply(&turn.reply, options.explain);
            if let Some(resolved) = &turn.resolved {
                v["resolved"] = serde_json::json!(resolved);
            }
            writeln!(out, "{v}")?;
        } else {
            writeln!(out, "{}\n", console::format_turn(&turn))?;
        }
    }
    Ok(())
}

/// `rescbot chat`: questions from the terminal, with edits to the files live.
fn chat(app: &App, out: &mut impl Write) -> anyhow::Result<ExitCode> {
    let store = Arc::new(app.store()?);
    // Edits to the files are live in the running chat; a refused one says why.
    let _watcher = Arc::clone(&store).watch(RELOAD_POLL, |outcome| match outcome {
        ReloadOutcome::Reloaded(summary) if summary.is_unchanged() => {}
        outcome => eprintln!("\n{outcome}"),
    });
    let conversations = rescbot::conversation::Conversations::with_minutes(
        app.config()?.conversation.context_minutes,
    );
    console::chat(&store, &conversations, std::io::stdin().lock(), out)?;
    Ok(ExitCode::SUCCESS)
}

/// `rescbot faq synth`: a synthetic FAQ of `n` entries and `queries` queries in `dir`.
fn synth(
    n: usize,
    seed: u64,
    queries: usize,
    dir: &Path,
    force: bool,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let existing = rescbot::synth::existing_faq_files(dir);
    if existing > 0 && !force {
        eprintln!(
            "{} already holds an FAQ ({existing} .yaml files) that the synthetic one would overwrite; \
             choose an empty folder for --out, or pass --force to write there anyway",
            dir.join("faq").display()
        );
        return Ok(ExitCode::from(2));
    }
    if n > rescbot::synth::max_entries() {
        anyhow::bail!(
            "at most {} synthetic entries can be made",
            rescbot::synth::max_entries()
        );
    }
    rescbot::synth::write(n, seed, queries, dir)
        .with_context(|| format!("cannot write the synthetic FAQ to {}", dir.display()))?;
    writeln!(
        out,
        "wrote {n} entries to {} and {queries} queries to {}",
        dir.join("faq").display(),
        dir.join("queries.yaml").display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `rescbot eval`: the question sets' report (or, with `--fit`, a fitted decision model).
fn evaluate(
    app: &App,
    files: &[PathBuf],
    (fit, fresh): (bool, bool),
    model: Option<&Path>,
    min_overall: Option<f64>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let mut matcher = app.matcher()?;
    if let Some(path) = model {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let model = rescbot::decision::Model::parse(&text)
            .with_context(|| format!("{} is not a decision model", path.display()))?;
        matcher = matcher.with_model(model);
    }
    let mut cases = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        cases.extend(
            eval::parse(&text)
                .with_context(|| format!("{} is not a question set", file.display()))?,
        );
    }
    if cases.iter().all(|item| item.cases().is_empty()) {
        eprintln!("the question sets hold no questions, so there is nothing to measure; add cases (see the format in the README)");
        return Ok(ExitCode::from(2));
    }
    if fit {
        // Sampled on the score alone, so that a refit does not depend on the model compiled
        // in (which decides, for one, when a question is answered in parts).
        let matcher = matcher.with_model(rescbot::decision::Model::score_only());
        let mut samples = eval::Samples::default();
        if fresh {
            // Each question twice: as written, and as a new wording would meet the FAQ.
            for group in eval::afresh(&matcher, &cases, eval::decision_samples) {
                samples.extend(group);
            }
        }
        samples.extend(eval::decision_samples(&matcher, &cases));
        let model = rescbot::decision::Model::fit(&samples.best)
            .with_runner_up(rescbot::decision::Model::fit(&samples.runner_up));
        write!(out, "{}", model.to_yaml())?;
        return Ok(ExitCode::SUCCESS);
    }
    let report = if fresh {
        let mut report = eval::Report::default();
        for part in eval::afresh(&matcher, &cases, eval::run) {
            report.merge(part);
        }
        report
    } else {
        eval::run(&matcher, &cases)
    };
    write!(out, "{report}")?;
    if min_overall.is_some_and(|min| report.overall() < min) {
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// The configured question records, or `None` (having said so) when nothing was recorded.
/// A missing database is not created: looking should not write.
fn open_records(app: &App, out: &mut impl Write) -> anyhow::Result<Option<Recorder>> {
    let path = Path::new(&app.config()?.records.path);
    if !path.exists() {
        writeln!(out, "nothing recorded yet (no {})", path.display())?;
        return Ok(None);
    }
    let recorder = Recorder::open(path)?;
    if recorder.is_empty()? {
        writeln!(out, "nothing recorded yet (in {})", path.display())?;
        return Ok(None);
    }
    Ok(Some(recorder))
}

fn unanswered(
    app: &App,
    recorder: &Recorder,
    days: u32,
    limit: usize,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let list = recorder.unanswered(days, limit)?;
    if list.is_empty() {
        writeln!(out, "every question of the last {days} days was answered, and no answer was rated not helpful")?;
        return Ok(());
    }
    // The nearest entry is a hint; a FAQ that does not load only loses the hints.
    let matcher = app
        .matcher()
        .inspect_err(|e| eprintln!("warning: no nearest entries: {e:#}"))
        .ok();
    writeln!(
        out,
        "Declined, or rated not helpful, in the last {days} days (most frequent first):"
    )?;
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for u in list {
        let mut line = format!("{:>5}  {}", u.count, u.question);
        if u.not_helpful > 0 {
            line += &format!(
                "  [not helpful x{}: {}]",
                u.not_helpful,
                u.entry_id.as_deref().unwrap_or("?")
            );
        }
        writeln!(out, "{line}")?;
        let age = today.saturating_sub(u64::try_from(u.last_asked).unwrap_or(0)) / 86_400;
        let mut detail = match age {
            0 => "last asked today".to_owned(),
            1 => "last asked yesterday".to_owned(),
            n => format!("last asked {n} days ago"),
        };
        if let Some(near) = matcher
            .as_ref()
            .and_then(|m| records::nearest_entry(m, &u.question))
        {
            detail += &format!("; nearest: {} ({})", near.id, near.question);
        }
        writeln!(out, "       {detail}")?;
    }
    Ok(())
}

/// The page's blocks, or `None` having said why it cannot be read (exit status 2).
fn page_blocks(page: &str, timeout: u64) -> Option<Vec<String>> {
    rescbot::source::read_page(page, std::time::Duration::from_secs(timeout))
        .inspect_err(|e| eprintln!("error: {e}"))
        .ok()
}

/// `faq check-source`: exit 0 when the FAQ is in step with the page, 1 with one finding a
/// line when it is not, 2 when the page cannot be read.
fn check_source(
    app: &App,
    page: &str,
    timeout: u64,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let Some(blocks) = page_blocks(page, timeout) else {
        return Ok(ExitCode::from(2));
    };
    let matcher = app.matcher()?;
    let findings = rescbot::source::check(matcher.faq(), &blocks);
    if findings.is_empty() {
        writeln!(
            out,
            "{page}: in step: {} leaders and {} blocks of the page are all in the FAQ",
            rescbot::source::leader_lines(&blocks).len(),
            blocks.len()
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    for f in &findings {
        writeln!(out, "{f}")?;
    }
    Ok(ExitCode::FAILURE)
}

/// `faq import-leaders`: the directory's leaders rewritten from the page.
fn import_leaders(
    app: &App,
    page: &str,
    dry_run: bool,
    timeout: u64,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let Some(blocks) = page_blocks(page, timeout) else {
        return Ok(ExitCode::from(2));
    };
    let leaders = rescbot::source::leader_lines(&blocks);
    if leaders.is_empty() {
        eprintln!("error: {page} has no leader lines (like \"Dr. Charles Dumais, CES Executive Director\")");
        return Ok(ExitCode::from(2));
    }
    let store = app.store()?;
    let who = std::env::var("USER").unwrap_or_else(|_| "terminal".to_owned());
    let imported = store.import_leaders(&leaders, page, &who, dry_run)?;
    if imported.changes.is_empty() {
        writeln!(
            out,
            "the directory already has the page's leaders; nothing to change"
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    for change in &imported.changes {
        writeln!(out, "{change}")?;
    }
    if dry_run {
        writeln!(out, "(dry run: nothing was written)")?;
    } else {
        writeln!(
            out,
            "{} updated; the previous version is in {}",
            imported.file.display(),
            imported
                .file
                .parent()
                .unwrap_or(Path::new("."))
                .join(".backups")
                .display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn validate(dir: &Path) -> ExitCode {
    match faq::load_dir(dir) {
        Ok(faq) => {
            let files = faq
                .entries
                .iter()
                .filter(|e| matches!(e.origin, faq::Origin::File { .. }))
                .count();
            // A closed pipe is not worth a panic: the exit status says the same.
            let _ = writeln!(
                std::io::stdout(),
                "{}: OK: {} entries ({files} written, {} from the directory of {} RESCs), {} synonym groups",
                dir.display(),
                faq.entries.len(),
                faq.entries.len() - files,
                faq.rescs.len(),
                faq.synonyms.len()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{errors}");
            ExitCode::FAILURE
        }
    }
}

/// What to do when there is no token; the token itself is never printed.
#[cfg(feature = "discord")]
const NO_TOKEN: &str = "rescbot serve needs a Discord bot token, and none is set.
Get one at https://discord.com/developers/applications: pick (or create) the application,
open the Bot tab and press Reset Token. Then either
  export DISCORD_TOKEN=<the token>
or put it in a file readable only by rescbot and
  export DISCORD_TOKEN_FILE=/path/to/that/file
To try rescbot without Discord, use `rescbot chat`.";

/// Runs the Discord front end until SIGINT or SIGTERM.
#[cfg(feature = "discord")]
fn serve(app: &App, api_proxy: Option<&str>) -> anyhow::Result<ExitCode> {
    let Some(token) = discord_token()? else {
        eprintln!("{NO_TOKEN}");
        return Ok(ExitCode::from(2));
    };
    let config = app.config()?;
    let store = Arc::new(app.store()?);
    let recorder = Arc::new(Recorder::from_config(&config.records));
    let proxy = api_proxy
        .map(str::to_owned)
        .or_else(|| config.discord.api_proxy.clone());
    // Only serving needs async; the other commands stay plain synchronous code.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    // A saved file is live within a second; a refused one is posted to the log channel.
    let (_watcher, reloads) = rescbot::discord::watch(&store, RELOAD_POLL);
    let ops = Arc::new(rescbot::ops::Ops::new(
        Arc::clone(&store),
        Arc::clone(&recorder),
    ));
    let served = rescbot::discord::Served {
        store: Arc::clone(&store),
        recorder: Arc::clone(&recorder),
        reloads: Some(reloads),
        conversations: Arc::new(rescbot::conversation::Conversations::with_minutes(
            config.conversation.context_minutes,
        )),
        ops: Arc::clone(&ops),
    };
    runtime.block_on(async {
        // Old records and backups go at start and once a day.
        let keep_days = config.records.keep_days;
        let pruning = tokio::spawn(rescbot::retention::prune_daily(
            store,
            recorder,
            keep_days,
            std::time::SystemTime::now,
            |_| {},
        ));
        let listening = match config.ops.listen_address() {
            Some(address) => {
                let (listener, at) = rescbot::ops::bind(&address)
                    .await
                    .with_context(|| format!("cannot listen on {address} (ops.listen)"))?;
                tracing::info!(%at, "serving /healthz and /metrics");
                Some(tokio::spawn(async move {
                    if let Err(e) = rescbot::ops::serve(listener, ops).await {
                        tracing::error!("/healthz and /metrics stopped: {e}");
                    }
                }))
            }
            None => None,
        };
        let result = rescbot::discord::run(
            &token,
            served,
            config.discord.clone(),
            proxy.as_deref(),
            shutdown_signal(),
        )
        .await;
        pruning.abort();
        if let Some(listening) = listening {
            listening.abort();
        }
        result
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Asks a running bot whether it is healthy, printing its answer.
#[cfg(feature = "discord")]
fn health(app: &App, url: Option<&str>, timeout: u64) -> anyhow::Result<ExitCode> {
    let url = match url {
        Some(url) => url.to_owned(),
        None => rescbot::ops::health_url(app.config()?.ops.listen_address().as_deref()),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let answer = runtime.block_on(rescbot::ops::probe(
        &url,
        std::time::Duration::from_secs(timeout),
    ));
    Ok(match answer {
        Ok(body) => {
            println!("{}", body.trim_end());
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("unhealthy: {why}");
            ExitCode::FAILURE
        }
    })
}

/// The token from `DISCORD_TOKEN`, or else from the file named by `DISCORD_TOKEN_FILE`.
#[cfg(feature = "discord")]
fn discord_token() -> anyhow::Result<Option<String>> {
    if let Some(token) = std::env::var("DISCORD_TOKEN")
        .ok()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
    {
        return Ok(Some(token));
    }
    let Some(path) = std::env::var_os("DISCORD_TOKEN_FILE").filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let path = PathBuf::from(path);
    let token = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read DISCORD_TOKEN_FILE {}", path.display()))?;
    let token = token.trim();
    if token.is_empty() {
        anyhow::bail!("DISCORD_TOKEN_FILE {} is empty", path.display());
    }
    Ok(Some(token.to_owned()))
}

/// Completes on Ctrl-C (SIGINT) or, on Unix, SIGTERM (what `docker stop` and systemd send).
#[cfg(feature = "discord")]
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM; only Ctrl-C stops the bot");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
