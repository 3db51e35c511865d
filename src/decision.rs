//! Whether the best entry is the answer: a small boosted-tree model over what the matcher measured.
//!
//! The score alone cannot tell a padded question ("what is a RESC, in a nutshell?") from a
//! near miss ("what is the RESC Alliance's budget?"): both cover an entry well and carry a word
//! the FAQ lacks. Several measurements together tell them apart better: how much of the question
//! the entry covers, how much of the entry the question covers, how much weight sits in unknown
//! words and in the largest one, how far ahead of the runner-up it is. Trees over them are
//! fitted on question sets people wrote (`rescbot eval --fit`) and kept, for review, in
//! `config/decision.yaml`, which is compiled in.

use std::sync::OnceLock;

/// The measurements, in the order of [`Features::values`].
pub const FEATURE_NAMES: [&str; 35] = [
    "score",
    "margin",
    "question_coverage",
    "phrasing_coverage",
    "topic_coverage",
    "unknown_share",
    "largest_unknown_share",
    "known_terms",
    "unknown_terms",
    "context_share",
    "names_something",
    "entry_about_a_name",
    "question_word_unmatched",
    "counts_something_unknown",
    "meaning_share",
    "meaning_to_phrasing",
    "meaning_to_answer",
    "aligned_in_phrasings",
    "aligned_in_answer",
    "least_aligned_share",
    "figure_share",
    "sentences",
    "asking_sentences",
    "words",
    "terms",
    "asks_who",
    "asks_what",
    "asks_when",
    "asks_where",
    "asks_why",
    "asks_how",
    "asks_which",
    "asks_how_many",
    "choice_in_answer",
    "list_in_answer",
];

/// What the matcher measured of a question and its best entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    pub values: [f32; FEATURE_NAMES.len()],
}

impl Default for Features {
    fn default() -> Self {
        Self {
            values: [0.0; FEATURE_NAMES.len()],
        }
    }
}

impl Features {
    /// One measurement by name (0 for a name that is not one).
    #[must_use]
    pub fn value(&self, name: &str) -> f32 {
        FEATURE_NAMES
            .iter()
            .position(|n| *n == name)
            .map_or(0.0, |i| self.values[i])
    }

    /// The measurements by name, for `--explain`.
    pub fn named(&self) -> impl Iterator<Item = (&'static str, f32)> + '_ {
        FEATURE_NAMES
            .iter()
            .copied()
            .zip(self.values.iter().copied())
    }
}

/// A fitted model: the probability that the best entry is the answer.
///
/// It is a sum of small decision trees (gradient boosting): each tree asks at most
/// [`DEPTH`] questions of the measurements ("is the score below 0.51?") and adds its leaf to
/// the log-odds. Trees, unlike one weight per measurement, can learn that a large unknown share
/// is harmless when the topic is fully covered and fatal when it is not.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The log-odds before any tree.
    pub base: f32,
    nodes: Vec<Node>,
    roots: Vec<usize>,
    /// The same trees, laid out to be walked quickly; `None` when one is deeper than
    /// [`FLAT_DEPTH`] (a model file written by hand), which is walked node by node.
    flat: Option<Flat>,
    /// The part that weighs the runner-up when the best entry is declined: the probability
    /// that the runner-up answers the question, fitted on runner-ups. `None`: runner-ups are
    /// not weighed.
    runner_up: Option<Box<Model>>,
}

/// The trees laid out for answering: each a complete binary tree `depth` levels deep, its
/// splits in breadth-first order (the children of split `i` at `2i + 1` and `2i + 2`) and its
/// leaves after them; a leaf above the bottom level is repeated down to it. A walk takes
/// `depth` steps with no branch to mispredict, over a few hundred kilobytes fewer than the
/// nodes, and [`SIDE_BY_SIDE`] trees are walked at once.
#[derive(Debug, Clone, PartialEq, Default)]
struct Flat {
    depth: u32,
    /// The measurement each split asks about, `2^depth - 1` per tree.
    features: Vec<u8>,
    /// The number it compares that measurement with.
    below: Vec<f32>,
    /// `2^depth` per tree.
    leaves: Vec<f32>,
}

/// The deepest trees that are laid out flat (2^8 leaves each).
const FLAT_DEPTH: u32 = 8;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Node {
    Leaf(f32),
    Split {
        feature: usize,
        below: f32,
        then: usize,
        otherwise: usize,
    },
}

impl Flat {
    /// The sum of the leaves that `f` reaches, tree by tree in order.
    fn sum(&self, f: &Features) -> f32 {
        let inner = (1usize << self.depth) - 1;
        let mut sum = 0.0;
        for (group, leaves) in self
            .leaves
            .chunks_exact(SIDE_BY_SIDE * (inner + 1))
            .enumerate()
        {
            let splits = group * SIDE_BY_SIDE * inner;
            let mut at = [0usize; SIDE_BY_SIDE];
            for _ in 0..self.depth {
                for (tree, i) in at.iter_mut().enumerate() {
                    let split = splits + tree * inner + *i;
                    let then = f.values[usize::from(self.features[split])] < self.below[split];
                    *i = 2 * *i + 2 - usize::from(then);
                }
            }
            for (tree, i) in at.iter().enumerate() {
                sum += leaves[tree * (inner + 1) + i - inner];
            }
        }
        sum
    }
}

/// How many trees are walked side by side: their steps do not wait on each other. The flat
/// trees are padded with trees of one leaf, 0, to a multiple of it.
const SIDE_BY_SIDE: usize = 8;

/// A tree as written in `config/decision.yaml`: a leaf's number, or
/// `{if: "score < 0.51", then: …, else: …}`.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum RawTree {
    Leaf(f32),
    Split {
        #[serde(rename = "if")]
        test: String,
        then: Box<RawTree>,
        #[serde(rename = "else")]
        otherwise: Box<RawTree>,
    },
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("decision model: {0}")]
pub struct ModelError(String);

const SHIPPED: &str = include_str!("../config/decision.yaml");

/// How the trees are grown by [`Model::fit`].
const ROUNDS: usize = 400;
const DEPTH: usize = 5;
const RATE: f64 = 0.1;
/// Fewest samples in a leaf: no rule is learnt from a handful of questions.
const MIN_LEAF: usize = 40;
/// Shrinks each leaf towards 0 (L2 penalty on the leaves).
const L2: f64 = 1.0;
/// Measurements of how much of the question the FAQ does not know: more of them never makes an
/// answer more likely. Every tree keeps to that, so that a model fitted on the shipped FAQ's
/// questions cannot learn that a large unknown share is a good sign where those questions
/// happened to say so, and it stays sensible on an FAQ that moderators rewrite. (Constraining
/// the coverage measurements the other way cost about a point in cross-validation; these
/// cost nothing.)
const FALLING: &[&str] = &[
    "unknown_share",
    "largest_unknown_share",
    "least_aligned_share",
    "question_word_unmatched",
    "counts_something_unknown",
];

/// Measurements of how far the best entry is ahead of the others: a larger lead never makes
/// an answer less likely. Without this, the trees learnt from the shipped FAQ that a question
/// only one entry matches at all ("who signed the Accord?") is a near miss, and declined a
/// clear match on a small FAQ ("who manages riverside").
const RISING: &[&str] = &["margin"];

/// -1 when the answer may only grow less likely with the measurement, 1 when only more
/// likely, 0 when either way.
fn direction(feature: usize) -> f64 {
    let name = FEATURE_NAMES[feature];
    if FALLING.contains(&name) {
        -1.0
    } else if RISING.contains(&name) {
        1.0
    } else {
        0.0
    }
}

impl Model {
    /// The model in `config/decision.yaml`, as compiled in. A file that does not parse (which a
    /// test rules out) gives a model that answers on the score alone.
    #[must_use]
    pub fn shipped() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Self::parse(SHIPPED).unwrap_or_else(|_| Self::score_only()))
    }

    /// A model that leaves the decision to the score threshold.
    #[must_use]
    pub fn score_only() -> Self {
        Self {
            base: 10.0,
            nodes: Vec::new(),
            roots: Vec::new(),
            flat: None,
            runner_up: None,
        }
    }

    /// Reads the YAML written by [`Model::to_yaml`]: `base` and the `trees`, and the same
    /// for runner-ups under `runner_up` (optional).
    ///
    /// # Errors
    /// Not YAML, a test that is not `<measurement> < <number>`, an unknown measurement.
    pub fn parse(text: &str) -> Result<Self, ModelError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            base: f32,
            trees: Vec<RawTree>,
            #[serde(default)]
            runner_up: Option<RawPart>,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawPart {
            base: f32,
            trees: Vec<RawTree>,
        }
        let raw: Raw = serde_yaml::from_str(text).map_err(|e| ModelError(e.to_string()))?;
        let model = Self::of_trees(raw.base, &raw.trees)?;
        Ok(match raw.runner_up {
            Some(part) => model.with_runner_up(Self::of_trees(part.base, &part.trees)?),
            None => model,
        })
    }

    fn of_trees(base: f32, trees: &[RawTree]) -> Result<Self, ModelError> {
        let mut model = Self {
            base,
            ..Self::score_only()
        };
        for tree in trees {
            let root = model.add(tree)?;
            model.roots.push(root);
        }
        model.flat = model.flatten();
        Ok(model)
    }

    /// This model, weighing runner-ups with `runner_up`.
    #[must_use]
    pub fn with_runner_up(mut self, mut runner_up: Model) -> Self {
        runner_up.runner_up = None;
        self.runner_up = Some(Box::new(runner_up));
        self
    }

    /// Whether the score alone decides: no trees (the model fitting starts from).
    #[must_use]
    pub fn leaves_it_to_the_score(&self) -> bool {
        self.roots.is_empty()
    }

    /// The probability that a runner-up read as `f` answers the question, when the model has a
    /// part for runner-ups.
    #[must_use]
    pub fn runner_up_probability(&self, f: &Features) -> Option<f32> {
        self.runner_up.as_ref().map(|m| m.probability(f))
    }

    /// Adds a tree's nodes, returning the index of its root.
    fn add(&mut self, tree: &RawTree) -> Result<usize, ModelError> {
        let at = self.nodes.len();
        match tree {
            RawTree::Leaf(value) => self.nodes.push(Node::Leaf(*value)),
            RawTree::Split {
                test,
                then,
                otherwise,
            } => {
                let bad = || ModelError(format!("`{test}` is not `<measurement> < <number>`"));
                let (name, below) = test.split_once('<').ok_or_else(bad)?;
                let feature = FEATURE_NAMES
                    .iter()
                    .position(|n| *n == name.trim())
                    .ok_or_else(|| ModelError(format!("unknown measurement `{}`", name.trim())))?;
                let below: f32 = below.trim().parse().map_err(|_| bad())?;
                self.nodes.push(Node::Leaf(0.0));
                let then = self.add(then)?;
                let otherwise = self.add(otherwise)?;
                self.nodes[at] = Node::Split {
                    feature,
                    below,
                    then,
                    otherwise,
                };
            }
        }
        Ok(at)
    }

    /// The probability that the best entry answers the question.
    #[must_use]
    pub fn probability(&self, f: &Features) -> f32 {
        let sum = match &self.flat {
            Some(flat) => flat.sum(f),
            None => self.roots.iter().map(|&r| self.leaf(r, f)).sum::<f32>(),
        };
        let z = self.base + sum;
        1.0 / (1.0 + (-z).exp())
    }

    /// The trees laid out flat, or `None` when one is deeper than [`FLAT_DEPTH`].
    fn flatten(&self) -> Option<Flat> {
        let depth = self.roots.iter().map(|&r| self.depth(r)).max().unwrap_or(0);
        if depth > FLAT_DEPTH {
            return None;
        }
        let splits = (1usize << depth) - 1;
        let mut flat = Flat {
            depth,
            features: Vec::with_capacity(splits * self.roots.len()),
            below: Vec::with_capacity(splits * self.roots.len()),
            leaves: Vec::with_capacity((splits + 1) * self.roots.len()),
        };
        for &root in &self.roots {
            let at = flat.features.len();
            flat.features.resize(at + splits, 0);
            flat.below.resize(at + splits, 0.0);
            let leaves = flat.leaves.len();
            flat.leaves.resize(leaves + splits + 1, 0.0);
            self.lay_out(root, 0, &mut flat, at, leaves);
        }
        let padded = self.roots.len().next_multiple_of(SIDE_BY_SIDE);
        flat.features.resize(padded * splits, 0);
        flat.below.resize(padded * splits, 0.0);
        flat.leaves.resize(padded * (splits + 1), 0.0);
        Some(flat)
    }

    /// How many splits deep the tree at `at` goes.
    fn depth(&self, at: usize) -> u32 {
        match self.nodes[at] {
            Node::Leaf(_) => 0,
            Node::Split {
                then, otherwise, ..
            } => 1 + self.depth(then).max(self.depth(otherwise)),
        }
    }

    /// Writes the node at `at` to position `position` of the flat tree whose splits begin at
    /// `splits` and leaves at `leaves`.
    fn lay_out(&self, at: usize, position: usize, flat: &mut Flat, splits: usize, leaves: usize) {
        let inner = (1usize << flat.depth) - 1;
        if position >= inner {
            if let Node::Leaf(value) = self.nodes[at] {
                flat.leaves[leaves + position - inner] = value;
            }
            return;
        }
        let (feature, below, then, otherwise) = match self.nodes[at] {
            // A leaf above the bottom: both ways lead to it.
            Node::Leaf(_) => (0, 0.0, at, at),
            Node::Split {
                feature,
                below,
                then,
                otherwise,
            } => (feature, below, then, otherwise),
        };
        flat.features[splits + position] = u8::try_from(feature).unwrap_or(0);
        flat.below[splits + position] = below;
        self.lay_out(then, 2 * position + 1, flat, splits, leaves);
        self.lay_out(otherwise, 2 * position + 2, flat, splits, leaves);
    }

    /// The leaf that the tree at `root` reaches for `f`.
    fn leaf(&self, root: usize, f: &Features) -> f32 {
        let mut at = root;
        loop {
            match self.nodes[at] {
                Node::Leaf(value) => return value,
                Node::Split {
                    feature,
                    below,
                    then,
                    otherwise,
                } => {
                    at = if f.values[feature] < below {
                        then
                    } else {
                        otherwise
                    }
                }
            }
        }
    }

    /// Fits a model to `samples` (the measurements, and whether answering with the best entry
    /// was right): [`ROUNDS`] trees, each fitted to what the trees before it got wrong
    /// (gradient boosting on the log-loss, with Newton steps in the leaves).
    #[must_use]
    pub fn fit(samples: &[(Features, bool)]) -> Self {
        if samples.is_empty() {
            return Self::score_only();
        }
        #[allow(clippy::cast_precision_loss)]
        let count = samples.len() as f64;
        let right = samples.iter().filter(|s| s.1).count();
        #[allow(clippy::cast_precision_loss)]
        let prior = (right as f64 + 0.5) / (count + 1.0);
        let base = (prior / (1.0 - prior)).ln();
        let mut grower = Grower {
            samples,
            gradient: vec![0.0; samples.len()],
            hessian: vec![0.0; samples.len()],
            model: Self {
                #[allow(clippy::cast_possible_truncation)]
                base: base as f32,
                nodes: Vec::new(),
                roots: Vec::new(),
                flat: None,
                runner_up: None,
            },
        };
        let mut z = vec![base; samples.len()];
        for _ in 0..ROUNDS {
            for (i, (_, y)) in samples.iter().enumerate() {
                let p = 1.0 / (1.0 + (-z[i]).exp());
                grower.gradient[i] = p - if *y { 1.0 } else { 0.0 };
                grower.hessian[i] = (p * (1.0 - p)).max(1e-6);
            }
            let all: Vec<usize> = (0..samples.len()).collect();
            let root = grower.grow(all, 0, (f64::NEG_INFINITY, f64::INFINITY));
            grower.model.roots.push(root);
            for (zi, (f, _)) in z.iter_mut().zip(samples) {
                *zi += f64::from(grower.model.leaf(root, f));
            }
        }
        grower.model.flat = grower.model.flatten();
        grower.model
    }

    /// The model as the YAML of `config/decision.yaml`.
    #[must_use]
    pub fn to_yaml(&self) -> String {
        let mut out = String::from(
            "# The answer/decline model: the probability that the best entry answers a question is\n\
             # 1 / (1 + e^-z), where z is `base` plus the leaf that each tree reaches (a tree asks\n\
             # `if: measurement < number`, and goes to `then` when it is, to `else` when not).\n\
             # rescbot answers when the score reaches matcher.answer_threshold and the probability\n\
             # matcher.answer_probability (0.5 by default). Fitted by\n\
             #   rescbot eval --fit --fresh tests/pool/*.yaml tests/eval/*.yaml > config/decision.yaml\n\
             # (each question as written and asked afresh) and compiled in: rebuild after refitting.\n",
        );
        self.write_part("", &mut out);
        if let Some(runner_up) = &self.runner_up {
            out.push_str(
                "# When the model declines the best entry, the runner-up answers if this part, fitted\n\
                 # on runner-ups, gives it matcher.answer_probability.\n\
                 runner_up:\n",
            );
            runner_up.write_part("  ", &mut out);
        }
        out
    }

    fn write_part(&self, indent: &str, out: &mut String) {
        out.push_str(&format!("{indent}base: {:.4}\n{indent}trees:\n", self.base));
        for &root in &self.roots {
            out.push_str(indent);
            out.push_str("  - ");
            self.write_node(root, out);
            out.push('\n');
        }
    }

    fn write_node(&self, at: usize, out: &mut String) {
        match self.nodes[at] {
            Node::Leaf(value) => out.push_str(&format!("{value:.4}")),
            Node::Split {
                feature,
                below,
                then,
                otherwise,
            } => {
                out.push_str(&format!(
                    "{{if: {} < {below:.4}, then: ",
                    FEATURE_NAMES[feature]
                ));
                self.write_node(then, out);
                out.push_str(", else: ");
                self.write_node(otherwise, out);
                out.push('}');
            }
        }
    }
}

/// The state of [`Model::fit`] while one tree grows.
struct Grower<'a> {
    samples: &'a [(Features, bool)],
    gradient: Vec<f64>,
    hessian: Vec<f64>,
    model: Model,
}

impl Grower<'_> {
    /// Grows the (sub)tree for the samples `at`, returning its node. Its leaves stay within
    /// `bounds`, which keep the trees above it falling in the measurements of [`FALLING`].
    fn grow(&mut self, mut at: Vec<usize>, depth: usize, bounds: (f64, f64)) -> usize {
        let total_g: f64 = at.iter().map(|&i| self.gradient[i]).sum();
        let total_h: f64 = at.iter().map(|&i| self.hessian[i]).sum();
        let node = self.model.nodes.len();
        let leaf_value = |g: f64, h: f64| (-RATE * g / (h + L2)).clamp(bounds.0, bounds.1);
        #[allow(clippy::cast_possible_truncation)]
        let leaf = Node::Leaf(leaf_value(total_g, total_h) as f32);
        self.model.nodes.push(leaf);
        if depth >= DEPTH || at.len() < 2 * MIN_LEAF {
            return node;
        }
        let value = |i: usize, feature: usize| self.samples[i].0.values[feature];
        let whole = total_g * total_g / (total_h + L2);
        // (gain, feature, threshold, the two sides' leaf values)
        let mut best: Option<(f64, usize, f32, f64, f64)> = None;
        for feature in 0..FEATURE_NAMES.len() {
            let direction = direction(feature);
            at.sort_by(|&a, &b| value(a, feature).total_cmp(&value(b, feature)));
            let (mut g, mut h) = (0.0, 0.0);
            for k in 0..at.len() - 1 {
                g += self.gradient[at[k]];
                h += self.hessian[at[k]];
                let (here, next) = (value(at[k], feature), value(at[k + 1], feature));
                if k + 1 < MIN_LEAF || at.len() - k - 1 < MIN_LEAF || here >= next {
                    continue;
                }
                let (rg, rh) = (total_g - g, total_h - h);
                let (below_value, above_value) = (leaf_value(g, h), leaf_value(rg, rh));
                if direction * (above_value - below_value) < 0.0 {
                    continue;
                }
                let gain = g * g / (h + L2) + rg * rg / (rh + L2) - whole;
                if gain > 1e-9 && best.map_or(true, |b| gain > b.0) {
                    best = Some((gain, feature, (here + next) / 2.0, below_value, above_value));
                }
            }
        }
        let Some((_, feature, below, below_value, above_value)) = best else {
            return node;
        };
        // As written to the file, so that the fitted and the reloaded model agree.
        let below: f32 = format!("{below:.4}").parse().unwrap_or(below);
        let (then, otherwise): (Vec<usize>, Vec<usize>) =
            at.into_iter().partition(|&i| value(i, feature) < below);
        if then.is_empty() || otherwise.is_empty() {
            return node;
        }
        // Below a split on a falling measurement, leaves stay over the middle of the two
        // sides, and above it under; on a rising one the other way round.
        let middle = (below_value + above_value) / 2.0;
        let (then_bounds, otherwise_bounds) = match direction(feature) {
            d if d < 0.0 => (
                (middle.max(bounds.0), bounds.1),
                (bounds.0, middle.min(bounds.1)),
            ),
            d if d > 0.0 => (
                (bounds.0, middle.min(bounds.1)),
                (middle.max(bounds.0), bounds.1),
            ),
            _ => (bounds, bounds),
        };
        let then = self.grow(then, depth + 1, then_bounds);
        let otherwise = self.grow(otherwise, depth + 1, otherwise_bounds);
        self.model.nodes[node] = Node::Split {
            feature,
            below,
            then,
            otherwise,
        };
        node
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_names_every_feature() {
        assert!(Model::parse(SHIPPED).is_ok(), "{:?}", Model::parse(SHIPPED));
    }

    #[test]
    fn a_fitted_model_separates_what_it_was_fitted_on() {
        let sample = |score: f32, y: bool| {
            let mut f = Features::default();
            f.values[0] = score;
            (f, y)
        };
        let samples: Vec<_> = (0..50)
            .map(|i| sample(0.5 + i as f32 / 100.0, true))
            .chain((0..50).map(|i| sample(i as f32 / 100.0, false)))
            .collect();
        let m = Model::fit(&samples);
        assert!(m.probability(&samples[10].0) > 0.5);
        assert!(m.probability(&samples[60].0) < 0.5);
        let again = Model::parse(&m.to_yaml()).unwrap();
        for (f, _) in &samples {
            assert!((again.probability(f) - m.probability(f)).abs() < 1e-3);
        }
    }

    #[test]
    fn the_runner_up_part_is_read_and_written_with_the_model() {
        let text = "base: -1.0\ntrees:\n  - {if: score < 0.5, then: -1.0, else: 1.0}\n\
                    runner_up:\n  base: 0.0\n  trees:\n    - {if: margin < -0.1, then: -2.0, else: 2.0}\n";
        let m = Model::parse(text).unwrap();
        let mut close = Features::default();
        close.values[1] = -0.05;
        let mut far = Features::default();
        far.values[1] = -0.3;
        assert!(m.runner_up_probability(&close).unwrap() > 0.8);
        assert!(m.runner_up_probability(&far).unwrap() < 0.2);
        let again = Model::parse(&m.to_yaml()).unwrap();
        assert_eq!(again, m);
        // A model without the part weighs no runner-up.
        let alone = Model::parse("base: 0.0\ntrees: []\n").unwrap();
        assert_eq!(alone.runner_up_probability(&close), None);
    }

    #[test]
    fn trees_of_uneven_depth_give_the_leaf_each_question_reaches() {
        // A leaf at the first split, and one three splits down; then a tree too deep to lay
        // out flat, walked node by node.
        let uneven =
            "base: 0.0\ntrees:\n  - {if: score < 0.5, then: -1.0, else: {if: margin < 0.1, \
                      then: {if: known_terms < 2.5, then: 0.25, else: 0.5}, else: 2.0}}\n";
        let mut deep = String::from("base: 0.0\ntrees:\n  - ");
        for level in 0..10 {
            deep.push_str(&format!(
                "{{if: score < 0.{level}5, then: {level}.0, else: "
            ));
        }
        deep.push_str("-3.0");
        deep.push_str(&"}".repeat(10));
        let z = |model: &str, score: f32, margin: f32, known: f32| {
            let m = Model::parse(model).unwrap();
            let mut f = Features::default();
            f.values[0] = score;
            f.values[1] = margin;
            f.values[7] = known;
            let p = f64::from(m.probability(&f));
            (p / (1.0 - p)).ln()
        };
        let near = |a: f64, b: f64| (a - b).abs() < 1e-4;
        assert!(near(z(uneven, 0.2, 0.0, 9.0), -1.0));
        assert!(near(z(uneven, 0.7, 0.05, 1.0), 0.25));
        assert!(near(z(uneven, 0.7, 0.05, 3.0), 0.5));
        assert!(near(z(uneven, 0.7, 0.3, 1.0), 2.0));
        assert!(Model::parse(&deep).unwrap().flat.is_none());
        assert!(near(z(&deep, 0.01, 0.0, 0.0), 0.0));
        assert!(near(z(&deep, 0.3, 0.0, 0.0), 3.0));
        assert!(near(z(&deep, 0.99, 0.0, 0.0), -3.0));
        // The shipped trees give what walking them node by node gives.
        let shipped = Model::shipped();
        let mut walked = shipped.clone();
        walked.flat = None;
        assert!(shipped.flat.is_some());
        for i in 0..200u16 {
            let mut f = Features::default();
            for (k, v) in f.values.iter_mut().enumerate() {
                *v = f32::from((i * 7 + u16::try_from(k).unwrap() * 13) % 23) / 11.0;
            }
            let (a, b) = (shipped.probability(&f), walked.probability(&f));
            assert_eq!(a.to_bits(), b.to_bits(), "{a} and {b}");
        }
    }

    #[test]
    fn more_of_the_question_unknown_never_makes_an_answer_likelier() {
        // Questions in which a larger unknown share happened to go with right answers: the
        // fitted model still may not rise with it.
        let unknown = FEATURE_NAMES
            .iter()
            .position(|n| *n == "largest_unknown_share")
            .unwrap();
        let sample = |share: f32, y: bool| {
            let mut f = Features::default();
            f.values[unknown] = share;
            f.values[0] = 0.5;
            (f, y)
        };
        let samples: Vec<_> = (0..100)
            .map(|i| sample(i as f32 / 100.0, i >= 50))
            .collect();
        let m = Model::fit(&samples);
        let p = |share: f32| m.probability(&sample(share, true).0);
        assert!(p(0.9) <= p(0.1) + 1e-6, "{} > {}", p(0.9), p(0.1));
    }
}
