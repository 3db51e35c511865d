//! The RESC directory and the entries derived from it.
//!
//! Leaders change; the questions about them do not. Keeping the six RESCs and their leaders as
//! data means "Who leads LEARN?", "Who is Kate Ericson?", "Who are the leaders?" and "What are
//! the six RESCs?" stay right after a one-line edit of the directory.

use super::{Entry, Origin};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leader {
    pub name: String,
    pub title: String,
    /// "Dr." and the like, shown before the name.
    pub honorific: Option<String>,
    /// Other ways to write the name ("Tom Danehy").
    pub aka: Vec<String>,
}

impl Leader {
    /// The name as shown in answers: "Dr. Thomas Danehy".
    #[must_use]
    pub fn display_name(&self) -> String {
        match &self.honorific {
            Some(h) => format!("{h} {}", self.name),
            None => self.name.clone(),
        }
    }

    /// Every way a question may name this person: the full name, first and last name, the
    /// last name alone, the first name alone ("any leader named Jeffrey?"), and the other
    /// names given with their first names ("Tom Danehy", "Tom").
    #[must_use]
    pub fn aliases(&self) -> Vec<String> {
        let mut out = vec![self.name.clone()];
        let parts: Vec<&str> = self.name.split_whitespace().collect();
        if let (Some(first), Some(last)) = (parts.first(), parts.last()) {
            if parts.len() > 2 {
                out.push(format!("{first} {last}"));
            }
            if parts.len() > 1 {
                out.push((*last).to_owned());
                out.push((*first).to_owned());
            }
        }
        for aka in &self.aka {
            out.push(aka.clone());
            if let Some(first) = aka.split_whitespace().next().filter(|_| aka.contains(' ')) {
                out.push(first.to_owned());
            }
        }
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resc {
    pub id: String,
    /// The short name people use: "LEARN", "ACES".
    pub name: String,
    pub full_name: Option<String>,
    pub aka: Vec<String>,
    pub leader: Option<Leader>,
}

impl Resc {
    /// Every way a question may name this RESC.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.full_name.as_deref())
            .chain(self.aka.iter().map(String::as_str))
    }

    /// "ACES (Area Cooperative Educational Services)", or just the name.
    #[must_use]
    pub fn display_name(&self) -> String {
        match &self.full_name {
            Some(full) => format!("{} ({full})", self.name),
            None => self.name.clone(),
        }
    }

    /// The leader as the About Us page lists them: "Dr. Charles Dumais, CES Executive
    /// Director". Answers quote it so that they read as the page does.
    #[must_use]
    pub fn leader_line(&self) -> Option<String> {
        let l = self.leader.as_ref()?;
        Some(format!("{}, {} {}", l.display_name(), self.name, l.title))
    }

    /// The id of the entry derived for this RESC.
    #[must_use]
    pub fn entry_id(&self) -> String {
        format!("resc-{}", self.id)
    }
}

/// Ids of the entries built from the directory, reserved so that a file cannot reuse them.
pub const LIST_ID: &str = "rescs-list";
pub const LEADERS_ID: &str = "resc-leaders";

/// "six" for 6: answers read better with small numbers spelled out.
#[must_use]
pub fn count_word(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The entries derived from the directory: the list of RESCs, the list of leaders and one
/// entry per RESC. Empty when the directory is.
#[must_use]
pub fn derived_entries(rescs: &[Resc]) -> Vec<Entry> {
    if rescs.is_empty() {
        return Vec::new();
    }
    let n = count_word(rescs.len());
    let mut out = vec![list_entry(rescs, &n), leaders_entry(rescs)];
    out.extend(rescs.iter().map(|r| resc_entry(r, &n)));
    out
}

/// An entry built from the directory.
fn derived(
    id: String,
    question: String,
    alternates: Vec<String>,
    answer: String,
    tags: &[&str],
) -> Entry {
    Entry {
        id,
        question,
        alternates,
        answer,
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        origin: Origin::Directory,
    }
}

/// "What are the six RESCs?": their names, one a line.
fn list_entry(rescs: &[Resc], n: &str) -> Entry {
    let list = rescs
        .iter()
        .map(|r| format!("- {}", r.display_name()))
        .collect::<Vec<_>>();
    derived(
        LIST_ID.to_owned(),
        format!("What are the {n} RESCs?"),
        vec![
            "How many RESCs are there?".to_owned(),
            "Which RESCs are in Connecticut?".to_owned(),
            "List the RESCs".to_owned(),
            "Which RESCs belong to the RESC Alliance?".to_owned(),
            "What RESCs are in the RESC Alliance?".to_owned(),
            "What are the names of the RESCs?".to_owned(),
        ],
        format!(
            "Connecticut has {n} RESCs, which together form the RESC Alliance:\n{}",
            list.join("\n")
        ),
        &["rescs"],
    )
}

/// "Who are the RESC Alliance leaders?": each leader with RESC and title, one a line.
fn leaders_entry(rescs: &[Resc]) -> Entry {
    let leaders = rescs
        .iter()
        .filter_map(|r| Some(format!("- {}", r.leader_line()?)))
        .collect::<Vec<_>>();
    derived(
        LEADERS_ID.to_owned(),
        "Who are the RESC Alliance leaders?".to_owned(),
        vec![
            "Who leads the RESCs?".to_owned(),
            "Who are the executive directors of the RESCs?".to_owned(),
            "List the RESC leaders".to_owned(),
            "Who runs the RESC Alliance?".to_owned(),
        ],
        format!("Meet the RESC Alliance leaders:\n{}", leaders.join("\n")),
        &["leaders"],
    )
}

/// "Who leads LEARN?": one RESC, its full name and its leader.
fn resc_entry(r: &Resc, n: &str) -> Entry {
    let mut alternates = vec![
        format!("What is {}?", r.name),
        format!("Tell me about {}", r.name),
        format!("Who is in charge of {}?", r.name),
    ];
    if let Some(full) = &r.full_name {
        alternates.push(format!("What does {} stand for?", r.name));
        alternates.push(format!("What is {full}?"));
    }
    let answer = match (&r.leader, r.leader_line()) {
        (Some(l), Some(line)) => {
            alternates.push(format!("Who is the {} of {}?", l.title, r.name));
            alternates.push(format!("Who is {}?", l.display_name()));
            alternates.push(format!("Where does {} work?", l.name));
            alternates.push(format!("What does {} do?", l.name));
            alternates.push(format!("What is {}'s title?", l.name));
            alternates.push(format!("Which organization is {} with?", l.name));
            format!(
                "{line}, leads {}, one of Connecticut's {n} Regional Educational Service \
                 Centers (RESCs) and a member of the RESC Alliance.",
                r.display_name()
            )
        }
        _ => format!(
            "{} is one of Connecticut's {n} Regional Educational Service Centers (RESCs) and \
             a member of the RESC Alliance. The FAQ does not list its leader yet.",
            r.display_name()
        ),
    };
    derived(
        r.entry_id(),
        format!("Who leads {}?", r.name),
        alternates,
        answer,
        &["rescs", "leaders"],
    )
}
