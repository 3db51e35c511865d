//! Whether the best entry is the answer: a small logistic model over what the matcher measured.
//!
//! The score alone cannot tell a padded question ("what is a RESC, in a nutshell?") from a
//! near miss ("what is the RESC Alliance's budget?"): both cover an entry well and carry a word
//! the FAQ lacks. Several measurements together tell them apart better: how much of the question
//! the entry covers, how much of the entry the question covers, how much weight sits in unknown
//! words and in the largest one, how far ahead of the runner-up it is. Their weights are fitted
//! on question sets people wrote (`rescbot eval --fit`) and kept, for review, in
//! `config/decision.yaml`, which is compiled in.

use std::sync::OnceLock;

/// The measurements, in the order of [`Features::values`].
pub const FEATURE_NAMES: [&str; 21] = [
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
];

/// What the matcher measured of a question and its best entry.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Features {
    pub values: [f32; FEATURE_NAMES.len()],
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

/// A fitted logistic model: the probability that the best entry is the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub bias: f32,
    pub weights: [f32; FEATURE_NAMES.len()],
}

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("decision model: {0}")]
pub struct ModelError(String);

const SHIPPED: &str = include_str!("../config/decision.yaml");

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
            bias: 10.0,
            weights: [0.0; FEATURE_NAMES.len()],
        }
    }

    /// Reads the YAML written by [`Model::to_yaml`]: `bias` and one weight per feature.
    ///
    /// # Errors
    /// Not YAML, a feature missing or unknown.
    pub fn parse(text: &str) -> Result<Self, ModelError> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            bias: f32,
            weights: std::collections::BTreeMap<String, f32>,
        }
        let raw: Raw = serde_yaml::from_str(text).map_err(|e| ModelError(e.to_string()))?;
        let mut weights = [0.0; FEATURE_NAMES.len()];
        for (name, w) in &raw.weights {
            let i = FEATURE_NAMES
                .iter()
                .position(|n| n == name)
                .ok_or_else(|| ModelError(format!("unknown feature `{name}`")))?;
            weights[i] = *w;
        }
        if let Some(missing) = FEATURE_NAMES
            .iter()
            .find(|n| !raw.weights.contains_key(**n))
        {
            return Err(ModelError(format!("no weight for `{missing}`")));
        }
        Ok(Self {
            bias: raw.bias,
            weights,
        })
    }

    /// The probability that the best entry answers the question.
    #[must_use]
    pub fn probability(&self, f: &Features) -> f32 {
        let z = self.bias
            + self
                .weights
                .iter()
                .zip(&f.values)
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits a model to `samples` (the measurements, and whether answering with the best entry
    /// was right), by gradient descent on standardised features with a little L2 penalty.
    #[must_use]
    pub fn fit(samples: &[(Features, bool)]) -> Self {
        const N: usize = FEATURE_NAMES.len();
        const ROUNDS: usize = 4000;
        const RATE: f64 = 0.5;
        const L2: f64 = 0.001;
        if samples.is_empty() {
            return Self::score_only();
        }
        #[allow(clippy::cast_precision_loss)]
        let count = samples.len() as f64;
        let mut mean = [0.0f64; N];
        let mut spread = [0.0f64; N];
        for (f, _) in samples {
            for (m, x) in mean.iter_mut().zip(&f.values) {
                *m += f64::from(*x) / count;
            }
        }
        for (f, _) in samples {
            for j in 0..N {
                spread[j] += (f64::from(f.values[j]) - mean[j]).powi(2) / count;
            }
        }
        let spread = spread.map(|v| if v > 1e-12 { v.sqrt() } else { 1.0 });
        let rows: Vec<([f64; N], f64)> = samples
            .iter()
            .map(|(f, y)| {
                let mut z = [0.0; N];
                for j in 0..N {
                    z[j] = (f64::from(f.values[j]) - mean[j]) / spread[j];
                }
                (z, if *y { 1.0 } else { 0.0 })
            })
            .collect();
        let (mut w, mut b) = ([0.0f64; N], 0.0f64);
        for _ in 0..ROUNDS {
            let mut grad = [0.0f64; N];
            let mut grad_b = 0.0;
            for (z, y) in &rows {
                let s = b + w.iter().zip(z).map(|(w, x)| w * x).sum::<f64>();
                let err = 1.0 / (1.0 + (-s).exp()) - y;
                for j in 0..N {
                    grad[j] += err * z[j] / count;
                }
                grad_b += err / count;
            }
            for j in 0..N {
                w[j] -= RATE * (grad[j] + L2 * w[j]);
            }
            b -= RATE * grad_b;
        }
        // Back to the features' own scale, so the file reads as weights of the measurements.
        let mut weights = [0.0f32; N];
        let mut bias = b;
        for j in 0..N {
            let raw = w[j] / spread[j];
            bias -= raw * mean[j];
            #[allow(clippy::cast_possible_truncation)]
            {
                weights[j] = raw as f32;
            }
        }
        #[allow(clippy::cast_possible_truncation)]
        let bias = bias as f32;
        Self { bias, weights }
    }

    /// The model as the YAML of `config/decision.yaml`.
    #[must_use]
    pub fn to_yaml(&self) -> String {
        let mut out = String::from(
            "# The answer/decline model: the probability that the best entry answers a question is\n\
             # 1 / (1 + e^-(bias + sum of weight * measurement)); rescbot answers at\n\
             # matcher.answer_probability (0.7 by default) when the score is between\n\
             # matcher.answer_threshold and matcher.confident_threshold. Fitted by\n\
             #   rescbot eval --fit tests/pool/*.yaml tests/eval/*.yaml > config/decision.yaml\n\
             # and compiled in: rebuild after refitting.\n",
        );
        out.push_str(&format!("bias: {:.4}\nweights:\n", self.bias));
        for (name, w) in FEATURE_NAMES.iter().zip(&self.weights) {
            out.push_str(&format!("  {name}: {w:.4}\n"));
        }
        out
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
        assert!((again.bias - m.bias).abs() < 1e-3);
    }
}
