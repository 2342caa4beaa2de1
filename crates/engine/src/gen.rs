//! `catena gen`: a synthetic value-chain graph in catena's ontology, for benchmarks.
//!
//! The generator streams quads: nothing but a few numbers per kind of entity is kept in
//! memory, so 10⁷ triples take no more memory than 10⁴. The same entity count and seed give
//! byte-identical output: every record draws from its own pseudo-random stream, seeded from
//! (seed, kind, index) with splitmix64, and the only floating-point operations are the
//! correctly rounded ones (+, −, ×, ÷, √), which give the same bits on every platform.
//!
//! # The model of the synthetic graph
//!
//! Out of `N` entities, a few small kinds are set aside first, then the rest is shared out:
//!
//! | kind | IRI, label | count |
//! | --- | --- | --- |
//! | `cat:Country` | `ent:Country5`, "Country 5" | max(20, N/2000) |
//! | `cat:Regulator` | `ent:Regulator1`, "Regulator 1" | 3 + N/100 000 |
//! | `cat:Alliance` | `ent:Alliance2`, "Alliance 2" | max(2, N/5000) |
//! | `cat:FoundationModel` | `ent:Model4521`, "Model 4521" | 38 % of the rest |
//! | `cat:Company` | `ent:Company17`, "Company 17" | 26 % |
//! | `cat:Dataset` | `ent:Dataset9`, "Dataset 9" | 13 % |
//! | `cat:Chatbot` | `ent:Chatbot33`, "Chatbot 33" | 13 % |
//! | `cat:ResearchBody` | `ent:ResearchLab4`, "Research Lab 4" | 5 % |
//! | `cat:Chip` | `ent:Chip3`, "Chip 3" | 3 % |
//! | `cat:CloudPlatform` | `ent:Cloud2`, "Cloud 2" | 2 % |
//!
//! (with small minimums, so that even a tiny graph has every kind).
//!
//! Companies have roles, by index: Company 0 is the hub (a big-tech firm: it runs Cloud 0 and
//! other platforms, develops the most models, invests the most, is concerned about the most,
//! and is based in Country 0); Company 1 is the leading AI lab (the most-funded company, an
//! exclusive cloud customer of Company 0); Company 2 is the leading chip maker (it makes Chip 0
//! and most chips); Company 3 is the leading foundry (it manufactures for every chip maker).
//! After them come the other chip makers (about √chips/2 in all), the other foundries and
//! the other cloud operators (about √clouds), then ordinary companies.
//!
//! Who points to whom is drawn with a skew towards low indices (index = ⌊n·uᵏ⌋ for a
//! uniform u), so entity 0 of each kind is the hub with the highest fan-in, entity 1 the
//! next, and so on, as with preferential attachment but without remembering degrees:
//!
//! - every organisation is `cat:basedIn` a country (most in Country 0); some companies and
//!   research labs are `cat:memberOf` an alliance (Company 0 of Alliance 0);
//! - chips are developed (`cat:develops`) by chip makers, which `cat:dependsOnManufacturingFrom`
//!   a foundry that `cat:manufacturesFor` them; cloud platforms are developed by cloud
//!   operators and `cat:dependsOnComputeFrom` a chip; some companies get compute from a chip
//!   maker;
//! - models (dated 2015–2025, most of them recent) are developed by companies or research
//!   labs, have an access level (40 % open, 35 % limited, 25 % closed), `cat:dependsOn`
//!   earlier models (fine-tuning chains: 70 % of models have a base model, drawn among the
//!   first eighth of the models before them, so Model 0 is the most depended-on and the
//!   longest chain of `dependsOn` grows like log₈ N: 5 steps at 2,000 entities, 7 at 10⁵,
//!   9 at 10⁶), `cat:dependsOn` one or two datasets and are `cat:trainedWith` one or two
//!   chips (most with Chip 0); the first model of every year is an open model of Company 0;
//! - datasets are developed by companies or labs, 30 % derived from an earlier one;
//!   chatbots are developed by companies and depend on one or two models;
//! - statement nodes, each with the generic edge that docs/modelling.md asks for:
//!   investments (`cat:Investment` with amount, currency and date, plus `cat:investsIn`):
//!   35 % of ordinary companies receive one or two; cloud agreements (`cat:Agreement` of kind
//!   "cloud" with provider, customer, platform, start date, 30 % exclusive, plus
//!   `cat:providesCloudTo` and `cat:dependsOnCloudFrom`) for 25 % of ordinary companies;
//!   open-source releases (`cat:OpenSourceRelease`, plus `cat:releasesOpenSource`) of 60 %
//!   of the open models; antitrust concerns of regulators (`cat:AntitrustConcern` with a
//!   theme, plus `cat:raisesConcernAbout`) about half the chip makers and cloud operators
//!   and 3 % of the other companies;
//! - observations (`cat:Observation`): yearly `cat:Revenue` (FY2022–2024, 2018–2024 for
//!   Company 0) and monthly `cat:WebTrafficShare` (Oct 2024 – Mar 2025, a Zipf law: Chatbot 0
//!   leads), for panels of the leading 8 + √n companies and chatbots only, as in real
//!   market studies. Observing every chatbot would also make `top 3 chatbots by traffic
//!   share` quadratic in the graph's size: its "latest observation of each subject" test
//!   (in compile.rs) compares every observation with every other.
//!
//! # Provenance
//!
//! One source document, `src:gen`, describes the data set (its label says it is synthetic,
//! with N and the seed). Every run of 32 consecutive records of one kind is a passage
//! (`src:gen-models-3`: models 96–127), described in `src:catalogue` with `cat:inDocument`,
//! `cat:locatorKind`, `cat:locator` and `rdfs:label`; each record's facts, statements
//! included, live in its passage's named graph. `catena --data OUT.nq check` passes.
//!
//! # Size
//!
//! The graph has about [`TRIPLES_PER_ENTITY`] triples per entity; [`entities_for_triples`]
//! inverts the measured size: about 1,040 entities give 10⁴ triples, 11,060 give 10⁵,
//! 112,500 give 10⁶ and 1,131,600 give 10⁷. [`anchors`] lists the labels benchmarks can name.

use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenOptions {
    /// Entities to generate (companies, models, chips…); statement nodes are not counted.
    pub entities: usize,
    /// Seed of the pseudo-random choices: the same entities and seed give the same graph.
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenSummary {
    /// Entities generated: the requested number, or a little more for tiny graphs, which
    /// still get a few entities of every kind.
    pub entities: usize,
    /// Quads (triples, in N-Triples) written, passage descriptions included.
    pub quads: usize,
}

/// Why a graph could not be written.
#[derive(Debug)]
pub enum GenError {
    /// The request makes no sense: no file name, an unknown extension, no entities.
    Usage(String),
    /// The file could not be written.
    Io { path: String, error: io::Error },
}

impl fmt::Display for GenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(message) => f.write_str(message),
            Self::Io { path, error } => write!(f, "cannot write {path}: {error}"),
        }
    }
}

impl std::error::Error for GenError {}

/// The syntax of the output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputSyntax {
    /// N-Quads: every fact in its passage's named graph, the catalogue in `src:catalogue`.
    NQuads,
    /// N-Triples: the same triples without their graphs.
    NTriples,
}

impl OutputSyntax {
    /// The syntax named by a file's extension: `.nq` or `.nt`.
    pub fn for_path(path: &Path) -> Result<Self, GenError> {
        if path.as_os_str() == "-" {
            return Err(GenError::Usage(
                "catena gen writes a file, not standard output: give a path ending in .nq (N-Quads) or .nt (N-Triples)"
                    .to_owned(),
            ));
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("nq") => Ok(Self::NQuads),
            Some("nt") => Ok(Self::NTriples),
            _ => Err(GenError::Usage(format!(
                "cannot tell the RDF syntax of `{}`: give a path ending in .nq (N-Quads) or .nt (N-Triples)",
                path.display()
            ))),
        }
    }
}

/// Triples per entity in large graphs (9.13 at 10⁶ entities, 9.17 at 10⁵, 9.32 at 10⁴):
/// smaller graphs have a little more, for the observation panels grow as √N.
pub const TRIPLES_PER_ENTITY: f64 = 9.1;

/// The entity count that gives about `triples` triples (within 1 % from 10⁵ triples up,
/// 5 % at 10⁴), from the size measured on generated graphs: 9.121·N + 16.46·√N + 428.
pub fn entities_for_triples(triples: u64) -> usize {
    let (per_entity, per_root, fixed) = (9.121, 16.46, 428.0);
    let wanted = (triples as f64 - fixed).max(0.0);
    let root =
        (-per_root + (per_root * per_root + 4.0 * per_entity * wanted).sqrt()) / (2.0 * per_entity);
    ((root * root).round() as usize).max(1)
}

/// Labels of the hubs that benchmarks can name in questions: the same in every generated
/// graph, whatever the size and seed.
pub mod anchor {
    /// The chip most models are trained with: `who depends on "Chip 0"`.
    pub const CHIP: &str = "Chip 0";
    /// The most depended-on model, an open 2015 model of Company 0:
    /// `who depends on "Model 0" transitively`.
    pub const MODEL: &str = "Model 0";
    /// The most depended-on dataset.
    pub const DATASET: &str = "Dataset 0";
    /// The hub company: biggest investor and developer, cloud operator of Cloud 0, most
    /// concerned-about, based in Country 0, member of Alliance 0; it has an open model every
    /// year from 2015 to 2025, each released as open source, and revenue for 2018–2024.
    pub const COMPANY: &str = "Company 0";
    /// The most-funded company (by Company 0 in 2019, 2023 and 2025 among others), exclusive
    /// cloud customer of Company 0 on Cloud 0; developer of Chatbot 0.
    pub const AI_LAB: &str = "Company 1";
    /// The leading chip maker: it develops Chip 0.
    pub const CHIP_MAKER: &str = "Company 2";
    /// The leading foundry: every chip maker depends on a foundry, most on this one.
    pub const FOUNDRY: &str = "Company 3";
    /// The country most organisations are based in.
    pub const COUNTRY: &str = "Country 0";
    /// The regulator that raises the most concerns (about Company 0 among others).
    pub const REGULATOR: &str = "Regulator 0";
    /// The alliance with the most members (Company 0 among them).
    pub const ALLIANCE: &str = "Alliance 0";
    /// The chatbot with the highest traffic share; it depends on Model 0.
    pub const CHATBOT: &str = "Chatbot 0";
    /// A chatbot far from the hubs, for `path from "Chatbot 1" to "Chip 0"`.
    pub const OTHER_CHATBOT: &str = "Chatbot 1";
    /// Cloud 0, run by Company 0.
    pub const CLOUD: &str = "Cloud 0";
    /// The research lab that develops the most models.
    pub const RESEARCH_LAB: &str = "Research Lab 0";
}

/// One label benchmarks can use, and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    pub label: &'static str,
    pub role: &'static str,
}

/// Every anchor label (see [`anchor`]) with its role.
pub fn anchors() -> &'static [Anchor] {
    const ANCHORS: &[Anchor] = &[
        Anchor {
            label: anchor::CHIP,
            role: "most depended-on chip",
        },
        Anchor {
            label: anchor::MODEL,
            role: "most depended-on model",
        },
        Anchor {
            label: anchor::DATASET,
            role: "most depended-on dataset",
        },
        Anchor {
            label: anchor::COMPANY,
            role: "biggest investor and developer, cloud operator",
        },
        Anchor {
            label: anchor::AI_LAB,
            role: "most-funded company, exclusive cloud customer",
        },
        Anchor {
            label: anchor::CHIP_MAKER,
            role: "maker of Chip 0",
        },
        Anchor {
            label: anchor::FOUNDRY,
            role: "foundry of the chip makers",
        },
        Anchor {
            label: anchor::COUNTRY,
            role: "country hosting the most organisations",
        },
        Anchor {
            label: anchor::REGULATOR,
            role: "regulator raising the most concerns",
        },
        Anchor {
            label: anchor::ALLIANCE,
            role: "alliance with the most members",
        },
        Anchor {
            label: anchor::CHATBOT,
            role: "chatbot with the highest traffic share",
        },
        Anchor {
            label: anchor::OTHER_CHATBOT,
            role: "second chatbot",
        },
        Anchor {
            label: anchor::CLOUD,
            role: "cloud platform of Company 0",
        },
        Anchor {
            label: anchor::RESEARCH_LAB,
            role: "research lab developing the most models",
        },
    ];
    ANCHORS
}

/// Streams the graph's quads to `sink`, in the order they are generated.
pub fn generate(
    options: &GenOptions,
    sink: &mut dyn FnMut(Quad) -> io::Result<()>,
) -> io::Result<GenSummary> {
    let mut adapter = QuadAdapter { sink };
    Generator::new(options, &mut adapter).run()
}

/// Writes the graph to `path`, in the syntax its extension names (`.nq` or `.nt`).
pub fn write(options: &GenOptions, path: &Path) -> Result<GenSummary, GenError> {
    let syntax = OutputSyntax::for_path(path)?;
    if options.entities == 0 {
        return Err(GenError::Usage(
            "nothing to generate: ask for at least one entity".to_owned(),
        ));
    }
    let io_error = |error: io::Error| GenError::Io {
        path: path.display().to_string(),
        error,
    };
    let mut file = std::fs::File::create(path).map_err(io_error)?;
    let summary = write_to(options, syntax, &mut file).map_err(io_error)?;
    file.flush().map_err(io_error)?;
    Ok(summary)
}

/// Writes the graph to `out` as N-Quads or N-Triples, in chunks of 256 KiB (`out` needs no
/// buffer of its own).
pub fn write_to(
    options: &GenOptions,
    syntax: OutputSyntax,
    out: &mut dyn Write,
) -> io::Result<GenSummary> {
    let mut writer = LineWriter::new(out, syntax);
    let summary = Generator::new(options, &mut writer).run()?;
    writer.drain()?;
    Ok(summary)
}

// ------------------------------------------------------------------------------------------
// Vocabulary: full IRIs, written out so that no quad needs a lookup or an allocation.

macro_rules! cat {
    ($local:literal) => {
        concat!("https://w3id.org/catena/ontology#", $local)
    };
}

const ENT: &str = "https://w3id.org/catena/entity/";
const STMT: &str = "https://w3id.org/catena/statement/";
const SRC: &str = "https://w3id.org/catena/source/";
const CATALOGUE: &str = "https://w3id.org/catena/source/catalogue";
const DOCUMENT: &str = "https://w3id.org/catena/source/gen";

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const DCTERMS_TITLE: &str = "http://purl.org/dc/terms/title";
const DCTERMS_CREATOR: &str = "http://purl.org/dc/terms/creator";
const XSD_DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
const XSD_GYEAR: &str = "http://www.w3.org/2001/XMLSchema#gYear";
const XSD_GYEARMONTH: &str = "http://www.w3.org/2001/XMLSchema#gYearMonth";
const XSD_DECIMAL: &str = "http://www.w3.org/2001/XMLSchema#decimal";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";

const CONCERN_THEMES: &[&str] = &[
    cat!("ControlOfCriticalInputs"),
    cat!("SwitchingCosts"),
    cat!("InformationAdvantage"),
    cat!("VerticalIntegrationRisk"),
    cat!("MarketPowerInDigitalMarkets"),
    cat!("DownstreamForeclosure"),
    cat!("Bundling"),
    cat!("Tying"),
    cat!("SelfPreferencing"),
    cat!("DataFeedbackLoops"),
    cat!("IntellectualProperty"),
    cat!("NationalSecurity"),
    cat!("ExportControls"),
];

/// The months chatbots' traffic shares are observed in: (year, month, display name).
const TRAFFIC_MONTHS: &[(u32, u32, &str)] = &[
    (2024, 10, "Oct 2024"),
    (2024, 11, "Nov 2024"),
    (2024, 12, "Dec 2024"),
    (2025, 1, "Jan 2025"),
    (2025, 2, "Feb 2025"),
    (2025, 3, "Mar 2025"),
];

/// How many of `count` chatbots (or companies) have observations: like the panels of
/// traffic studies and the companies whose accounts are public, only the leading ones
/// (8 + √count). Observing all of them would make `top 3 chatbots by traffic share`, whose
/// "latest observation of each subject" test compares each observation with every
/// observation, quadratic in the size of the graph.
fn panel(count: usize) -> usize {
    (8 + (count as u64).isqrt() as usize).min(count)
}

/// Records (entities) per passage: a passage is a page of the synthetic data set.
const RECORDS_PER_PASSAGE: usize = 32;

/// Models before this index always fine-tune an earlier model, so that the first chains
/// exist even in a tiny graph.
const ALWAYS_DERIVED_MODELS: usize = 32;

/// The kinds of entity, with their IRI and label stems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Country,
    Regulator,
    Alliance,
    ResearchLab,
    Company,
    Chip,
    Cloud,
    Dataset,
    Model,
    Chatbot,
}

impl Kind {
    /// Generation order: the kinds everything points to first.
    const ALL: [Kind; 10] = [
        Kind::Country,
        Kind::Regulator,
        Kind::Alliance,
        Kind::ResearchLab,
        Kind::Company,
        Kind::Chip,
        Kind::Cloud,
        Kind::Dataset,
        Kind::Model,
        Kind::Chatbot,
    ];

    /// CamelCase stem of the IRI: `ent:ResearchLab4`.
    fn iri_stem(self) -> &'static str {
        match self {
            Kind::Country => "Country",
            Kind::Regulator => "Regulator",
            Kind::Alliance => "Alliance",
            Kind::ResearchLab => "ResearchLab",
            Kind::Company => "Company",
            Kind::Chip => "Chip",
            Kind::Cloud => "Cloud",
            Kind::Dataset => "Dataset",
            Kind::Model => "Model",
            Kind::Chatbot => "Chatbot",
        }
    }

    /// Stem of the label: "Research Lab 4".
    fn label_stem(self) -> &'static str {
        match self {
            Kind::ResearchLab => "Research Lab",
            other => other.iri_stem(),
        }
    }

    fn class(self) -> &'static str {
        match self {
            Kind::Country => cat!("Country"),
            Kind::Regulator => cat!("Regulator"),
            Kind::Alliance => cat!("Alliance"),
            Kind::ResearchLab => cat!("ResearchBody"),
            Kind::Company => cat!("Company"),
            Kind::Chip => cat!("Chip"),
            Kind::Cloud => cat!("CloudPlatform"),
            Kind::Dataset => cat!("Dataset"),
            Kind::Model => cat!("FoundationModel"),
            Kind::Chatbot => cat!("Chatbot"),
        }
    }

    /// Name of the section in passage IRIs and locators.
    fn section(self) -> &'static str {
        match self {
            Kind::Country => "countries",
            Kind::Regulator => "regulators",
            Kind::Alliance => "alliances",
            Kind::ResearchLab => "research-labs",
            Kind::Company => "companies",
            Kind::Chip => "chips",
            Kind::Cloud => "clouds",
            Kind::Dataset => "datasets",
            Kind::Model => "models",
            Kind::Chatbot => "chatbots",
        }
    }
}

fn ent(kind: Kind, index: usize) -> String {
    format!("{ENT}{}{index}", kind.iri_stem())
}

fn label(kind: Kind, index: usize) -> String {
    format!("{} {index}", kind.label_stem())
}

// ------------------------------------------------------------------------------------------
// Sizes and roles.

/// How many entities of each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Counts {
    countries: usize,
    regulators: usize,
    alliances: usize,
    research_labs: usize,
    companies: usize,
    chips: usize,
    clouds: usize,
    datasets: usize,
    models: usize,
    chatbots: usize,
}

impl Counts {
    fn new(entities: usize) -> Self {
        let countries = (entities / 2000).max(20);
        let regulators = 3 + entities / 100_000;
        let alliances = (entities / 5000).max(2);
        let rest = entities.saturating_sub(countries + regulators + alliances);
        // Shares of the rest, per thousand; companies take what rounding leaves.
        let share = |per_mille: usize, minimum: usize| (rest * per_mille / 1000).max(minimum);
        let models = share(380, 40);
        let datasets = share(130, 4);
        let chatbots = share(130, 4);
        let research_labs = share(50, 2);
        let chips = share(30, 3);
        let clouds = share(20, 2);
        let others = models + datasets + chatbots + research_labs + chips + clouds;
        let companies = rest.saturating_sub(others).max(12);
        let mut counts = Self {
            countries,
            regulators,
            alliances,
            research_labs,
            companies,
            chips,
            clouds,
            datasets,
            models,
            chatbots,
        };
        // The special companies (chip makers, foundries, cloud operators) leave room for
        // ordinary ones.
        let special = Layout::new(&counts).first_ordinary;
        counts.companies = counts.companies.max(special + 8);
        counts
    }

    fn of(&self, kind: Kind) -> usize {
        match kind {
            Kind::Country => self.countries,
            Kind::Regulator => self.regulators,
            Kind::Alliance => self.alliances,
            Kind::ResearchLab => self.research_labs,
            Kind::Company => self.companies,
            Kind::Chip => self.chips,
            Kind::Cloud => self.clouds,
            Kind::Dataset => self.datasets,
            Kind::Model => self.models,
            Kind::Chatbot => self.chatbots,
        }
    }

    fn total(&self) -> usize {
        Kind::ALL.iter().map(|&kind| self.of(kind)).sum()
    }
}

/// What a company does, by its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Company 0: big tech, cloud operator 0.
    Hub,
    /// Company 1: the leading AI lab.
    TopLab,
    ChipMaker(usize),
    Foundry(usize),
    /// A cloud operator other than the hub.
    CloudOperator(usize),
    Ordinary,
}

/// Where the companies of each role are: 0 hub, 1 top lab, 2 chip maker 0, 3 foundry 0,
/// then the other chip makers, foundries and cloud operators, then ordinary companies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    chip_makers: usize,
    foundries: usize,
    cloud_operators: usize,
    first_ordinary: usize,
}

impl Layout {
    fn new(counts: &Counts) -> Self {
        let chip_makers = ((counts.chips as u64).isqrt() as usize / 2).max(1);
        let foundries = 1 + chip_makers / 20;
        let cloud_operators =
            ((counts.clouds as u64).isqrt() as usize).clamp(1, counts.clouds.max(1));
        Self {
            chip_makers,
            foundries,
            cloud_operators,
            first_ordinary: 4 + (chip_makers - 1) + (foundries - 1) + (cloud_operators - 1),
        }
    }

    fn chip_maker(&self, k: usize) -> usize {
        if k == 0 { 2 } else { 3 + k }
    }

    fn foundry(&self, k: usize) -> usize {
        if k == 0 { 3 } else { 2 + self.chip_makers + k }
    }

    fn cloud_operator(&self, k: usize) -> usize {
        if k == 0 {
            0
        } else {
            1 + self.chip_makers + self.foundries + k
        }
    }

    fn role(&self, company: usize) -> Role {
        let extra_chip_makers = 4..4 + self.chip_makers - 1;
        let extra_foundries = extra_chip_makers.end..extra_chip_makers.end + self.foundries - 1;
        let extra_operators = extra_foundries.end..self.first_ordinary;
        match company {
            0 => Role::Hub,
            1 => Role::TopLab,
            2 => Role::ChipMaker(0),
            3 => Role::Foundry(0),
            i if extra_chip_makers.contains(&i) => Role::ChipMaker(i - 3),
            i if extra_foundries.contains(&i) => Role::Foundry(i - extra_foundries.start + 1),
            i if extra_operators.contains(&i) => Role::CloudOperator(i - extra_operators.start + 1),
            _ => Role::Ordinary,
        }
    }

    /// Companies that develop models, datasets and chatbots: the hub, the top lab and the
    /// ordinary companies, in this order (index 0 is the hub).
    fn developers(&self, companies: usize) -> usize {
        2 + companies.saturating_sub(self.first_ordinary)
    }

    fn developer(&self, k: usize) -> usize {
        if k < 2 {
            k
        } else {
            self.first_ordinary + k - 2
        }
    }
}

// ------------------------------------------------------------------------------------------
// Randomness: splitmix64, one independent stream per record.

struct Rng {
    state: u64,
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// The stream of one record: records do not share state, so adding a kind or changing
    /// one kind's draws leaves the others' unchanged.
    fn for_record(seed: u64, kind: Kind, index: usize) -> Self {
        let stream = mix((kind as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ index as u64);
        Self {
            state: mix(seed ^ stream),
        }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.state)
    }

    /// Uniform in `0..n` (`n` ≥ 1).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `per_mille`/1000.
    fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An index in `0..n` (`n` ≥ 1) skewed towards 0: ⌊n·uᵖ⌋. Index 0 gets the largest
    /// share (n^(-1/p)), so it is the hub.
    fn skewed(&mut self, n: usize, power: u32) -> usize {
        let u = self.unit();
        let mut x = u;
        for _ in 1..power {
            x *= u;
        }
        ((x * n as f64) as usize).min(n.saturating_sub(1))
    }

    /// A year in `first..first + span`, recent years more likely (growth of the field).
    fn recent_year(&mut self, first: u32, span: u32) -> u32 {
        let u = self.unit();
        // √u leans towards 1: P(year < first + k) = (k/span)².
        first + ((u.sqrt() * f64::from(span)) as u32).min(span - 1)
    }

    fn day_in(&mut self, year: u32) -> Day {
        Day {
            year,
            month: 1 + self.below(12) as u32,
            day: 1 + self.below(28) as u32,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Day {
    year: u32,
    month: u32,
    day: u32,
}

impl Day {
    fn date(&self) -> String {
        format!("{}-{:02}-{:02}", self.year, self.month, self.day)
    }

    fn year_month(&self) -> String {
        format!("{}-{:02}", self.year, self.month)
    }
}

/// The year of the `index`-th of `count` things dated over `first..first + span`, growing
/// with the index and denser in recent years: ⌊span·√(index/count)⌋, in integers.
fn year_by_index(index: usize, count: usize, first: u32, span: u32) -> u32 {
    let step = ((span as u64 * span as u64 * index as u64) / count.max(1) as u64).isqrt();
    first + (step as u32).min(span - 1)
}

// ------------------------------------------------------------------------------------------
// Output: quads as references into the generator's strings.

/// The object of a quad.
#[derive(Debug, Clone, Copy)]
enum Obj<'a> {
    Iri(&'a str),
    /// An `xsd:string` literal.
    Plain(&'a str),
    /// A literal in English.
    English(&'a str),
    /// A literal in Italian.
    Italian(&'a str),
    Typed(&'a str, &'static str),
}

trait QuadOut {
    fn quad(
        &mut self,
        subject: &str,
        predicate: &str,
        object: Obj<'_>,
        graph: &str,
    ) -> io::Result<()>;
}

/// Turns the generator's quads into oxigraph's, for [`generate`].
struct QuadAdapter<'a> {
    sink: &'a mut dyn FnMut(Quad) -> io::Result<()>,
}

impl QuadOut for QuadAdapter<'_> {
    fn quad(
        &mut self,
        subject: &str,
        predicate: &str,
        object: Obj<'_>,
        graph: &str,
    ) -> io::Result<()> {
        // The IRIs are built from the fixed namespaces above and ASCII names: valid.
        let object: Term = match object {
            Obj::Iri(iri) => NamedNode::new_unchecked(iri).into(),
            Obj::Plain(value) => Literal::new_simple_literal(value).into(),
            Obj::English(value) => {
                Literal::new_language_tagged_literal_unchecked(value, "en").into()
            }
            Obj::Italian(value) => {
                Literal::new_language_tagged_literal_unchecked(value, "it").into()
            }
            Obj::Typed(value, datatype) => {
                Literal::new_typed_literal(value, NamedNode::new_unchecked(datatype)).into()
            }
        };
        (self.sink)(Quad::new(
            NamedNode::new_unchecked(subject),
            NamedNode::new_unchecked(predicate),
            object,
            GraphName::NamedNode(NamedNode::new_unchecked(graph)),
        ))
    }
}

/// Writes N-Quads (or N-Triples, without the graph) lines. Lines are assembled in a buffer
/// of its own and handed to `out` in large chunks: a quad is a dozen small pieces.
struct LineWriter<'a> {
    out: &'a mut dyn Write,
    with_graph: bool,
    buffer: Vec<u8>,
}

/// Bytes gathered before a write to the output.
const CHUNK: usize = 256 * 1024;

/// Bytes an N-Triples IRIREF cannot hold: controls, space and `<>"{}|^`\`. No valid IRI
/// has them, and the generator's IRIs are its namespaces followed by ASCII letters, digits and
/// hyphens, so they are written as they are; debug builds and the tests make sure.
fn iri_is_writable(iri: &str) -> bool {
    !iri.bytes().any(|b| {
        b <= b' '
            || matches!(
                b,
                b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\'
            )
    })
}

/// Bytes a quoted N-Triples literal must escape.
const LITERAL_ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table[b'\n' as usize] = true;
    table[b'\r' as usize] = true;
    table
};

impl<'a> LineWriter<'a> {
    fn new(out: &'a mut dyn Write, syntax: OutputSyntax) -> Self {
        Self {
            out,
            with_graph: syntax == OutputSyntax::NQuads,
            buffer: Vec::with_capacity(CHUNK + 4096),
        }
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.buffer.extend_from_slice(bytes);
        Ok(())
    }

    /// Hands the gathered lines to the output.
    fn drain(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        Ok(())
    }

    /// `<iri>`: checking every byte of every IRI would be most of the writing time, and
    /// the generator's IRIs need no escape (see [`iri_is_writable`]).
    fn iri(&mut self, iri: &str) -> io::Result<()> {
        debug_assert!(iri_is_writable(iri), "{iri}");
        self.put(b"<")?;
        self.put(iri.as_bytes())?;
        self.put(b">")
    }

    /// `"value"`, escaped as N-Triples requires.
    fn string(&mut self, value: &str) -> io::Result<()> {
        self.put(b"\"")?;
        let bytes = value.as_bytes();
        let mut written = 0;
        for (at, &byte) in bytes.iter().enumerate() {
            if LITERAL_ESCAPED[usize::from(byte)] {
                self.put(&bytes[written..at])?;
                let escape: &[u8] = match byte {
                    b'"' => b"\\\"",
                    b'\\' => b"\\\\",
                    b'\n' => b"\\n",
                    _ => b"\\r",
                };
                self.put(escape)?;
                written = at + 1;
            }
        }
        self.put(&bytes[written..])?;
        self.put(b"\"")
    }
}

impl QuadOut for LineWriter<'_> {
    fn quad(
        &mut self,
        subject: &str,
        predicate: &str,
        object: Obj<'_>,
        graph: &str,
    ) -> io::Result<()> {
        self.iri(subject)?;
        self.put(b" ")?;
        self.iri(predicate)?;
        self.put(b" ")?;
        match object {
            Obj::Iri(iri) => self.iri(iri)?,
            Obj::Plain(value) => self.string(value)?,
            Obj::English(value) => {
                self.string(value)?;
                self.put(b"@en")?;
            }
            Obj::Italian(value) => {
                self.string(value)?;
                self.put(b"@it")?;
            }
            Obj::Typed(value, datatype) => {
                self.string(value)?;
                self.put(b"^^")?;
                self.iri(datatype)?;
            }
        }
        if self.with_graph {
            self.put(b" ")?;
            self.iri(graph)?;
        }
        self.put(b" .\n")?;
        if self.buffer.len() >= CHUNK {
            self.drain()?;
        }
        Ok(())
    }
}

// ------------------------------------------------------------------------------------------
// The generator.

/// A developer of models and datasets: a company or a research lab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Developer {
    Company(usize),
    Lab(usize),
}

impl Developer {
    fn iri(self) -> String {
        match self {
            Developer::Company(i) => ent(Kind::Company, i),
            Developer::Lab(i) => ent(Kind::ResearchLab, i),
        }
    }

    fn label(self) -> String {
        match self {
            Developer::Company(i) => label(Kind::Company, i),
            Developer::Lab(i) => label(Kind::ResearchLab, i),
        }
    }
}

/// What an observation statement says (see [`Generator::observation`]).
struct Observation<'a> {
    id: &'a str,
    /// Its English and Italian labels.
    en: &'a str,
    it: &'a str,
    subject: &'a str,
    measure: &'a str,
    /// An `xsd:decimal`.
    value: &'a str,
    unit: &'a str,
    period: &'a str,
    start: Obj<'a>,
    end: Obj<'a>,
}

/// Draws `count` (counterpart, year) pairs more into `pairs`, leaving out those it has
/// already: one statement per counterpart and year keeps the statements' labels unique.
fn add_distinct_draws(
    pairs: &mut Vec<(usize, u32)>,
    count: usize,
    rng: &mut Rng,
    mut draw: impl FnMut(&mut Rng) -> (usize, u32),
) {
    for _ in 0..count {
        let pair = draw(rng);
        if !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
}

/// Entities a record links to: the first `count` of a kind, drawn with a skew of `power`
/// towards the low indices (see [`Rng::skewed`]).
#[derive(Debug, Clone, Copy)]
struct Picks {
    kind: Kind,
    count: usize,
    power: u32,
}

impl Picks {
    fn among(kind: Kind, count: usize, power: u32) -> Self {
        Self { kind, count, power }
    }

    fn draw(self, rng: &mut Rng) -> usize {
        rng.skewed(self.count, self.power)
    }
}

struct Generator<'o> {
    out: &'o mut dyn QuadOut,
    seed: u64,
    entities_requested: usize,
    counts: Counts,
    layout: Layout,
    /// The leading chatbots whose traffic is measured (Chatbot 0 … panel − 1).
    traffic_panel: usize,
    /// The leading companies whose revenue is known (Company 0 … panel − 1).
    revenue_panel: usize,
    /// Σ 1/(k+1) over the panel: the Zipf law's normaliser for traffic shares.
    traffic_norm: f64,
    /// The passage (named graph) of the facts being generated.
    passage: String,
    quads: usize,
}

impl<'o> Generator<'o> {
    fn new(options: &GenOptions, out: &'o mut dyn QuadOut) -> Self {
        let counts = Counts::new(options.entities);
        let traffic_panel = panel(counts.chatbots);
        let traffic_norm = (0..traffic_panel).map(|k| 1.0 / (k + 1) as f64).sum();
        Self {
            out,
            seed: options.seed,
            entities_requested: options.entities,
            layout: Layout::new(&counts),
            counts,
            traffic_panel,
            revenue_panel: panel(counts.companies),
            traffic_norm,
            passage: String::new(),
            quads: 0,
        }
    }

    fn run(mut self) -> io::Result<GenSummary> {
        self.document()?;
        for kind in Kind::ALL {
            for index in 0..self.counts.of(kind) {
                if index % RECORDS_PER_PASSAGE == 0 {
                    self.passage(kind, index)?;
                }
                let mut rng = Rng::for_record(self.seed, kind, index);
                match kind {
                    Kind::Country => self.country(index)?,
                    Kind::Regulator => self.regulator(index)?,
                    Kind::Alliance => self.alliance(index, &mut rng)?,
                    Kind::ResearchLab => self.research_lab(index, &mut rng)?,
                    Kind::Company => self.company(index, &mut rng)?,
                    Kind::Chip => self.chip(index, &mut rng)?,
                    Kind::Cloud => self.cloud(index, &mut rng)?,
                    Kind::Dataset => self.dataset(index, &mut rng)?,
                    Kind::Model => self.model(index, &mut rng)?,
                    Kind::Chatbot => self.chatbot(index, &mut rng)?,
                }
            }
        }
        Ok(GenSummary {
            entities: self.counts.total(),
            quads: self.quads,
        })
    }

    // -------------------------------------------------------------------- emitting

    /// A fact in the current passage.
    fn fact(&mut self, subject: &str, predicate: &str, object: Obj<'_>) -> io::Result<()> {
        self.quads += 1;
        self.out.quad(subject, predicate, object, &self.passage)
    }

    fn link(&mut self, subject: &str, predicate: &str, object: &str) -> io::Result<()> {
        self.fact(subject, predicate, Obj::Iri(object))
    }

    fn catalogue(&mut self, subject: &str, predicate: &str, object: Obj<'_>) -> io::Result<()> {
        self.quads += 1;
        self.out.quad(subject, predicate, object, CATALOGUE)
    }

    /// `rdf:type` and `rdfs:label` of a node.
    fn named(&mut self, node: &str, class: &str, text: &str) -> io::Result<()> {
        self.link(node, RDF_TYPE, class)?;
        self.fact(node, RDFS_LABEL, Obj::English(text))
    }

    /// `rdf:type` and the English and Italian labels of a statement node (every statement
    /// has both, as `catena check` requires).
    fn statement(&mut self, node: &str, class: &str, en: &str, it: &str) -> io::Result<()> {
        self.named(node, class, en)?;
        self.fact(node, RDFS_LABEL, Obj::Italian(it))
    }

    fn entity(&mut self, kind: Kind, index: usize) -> io::Result<String> {
        let iri = ent(kind, index);
        self.named(&iri, kind.class(), &label(kind, index))?;
        Ok(iri)
    }

    /// An observation statement: a measure's value for a subject over a period.
    fn observation(&mut self, observation: &Observation<'_>) -> io::Result<()> {
        let Observation { id, .. } = *observation;
        self.statement(id, cat!("Observation"), observation.en, observation.it)?;
        self.link(id, cat!("subject"), observation.subject)?;
        self.link(id, cat!("measure"), observation.measure)?;
        self.fact(
            id,
            cat!("value"),
            Obj::Typed(observation.value, XSD_DECIMAL),
        )?;
        self.fact(id, cat!("unit"), Obj::Plain(observation.unit))?;
        self.fact(id, cat!("period"), Obj::Plain(observation.period))?;
        self.fact(id, cat!("periodStart"), observation.start)?;
        self.fact(id, cat!("periodEnd"), observation.end)
    }

    fn date(&mut self, subject: &str, predicate: &str, day: Day) -> io::Result<()> {
        self.fact(subject, predicate, Obj::Typed(&day.date(), XSD_DATE))
    }

    fn year(&mut self, subject: &str, year: u32) -> io::Result<()> {
        self.fact(
            subject,
            cat!("date"),
            Obj::Typed(&year.to_string(), XSD_GYEAR),
        )
    }

    /// The source document describing the data set.
    fn document(&mut self) -> io::Result<()> {
        let title = format!(
            "Synthetic value-chain graph (catena gen, {} entities, seed {})",
            self.entities_requested, self.seed
        );
        self.catalogue(DOCUMENT, RDF_TYPE, Obj::Iri(cat!("SourceDocument")))?;
        self.catalogue(DOCUMENT, RDFS_LABEL, Obj::English(&title))?;
        self.catalogue(DOCUMENT, DCTERMS_TITLE, Obj::Plain(&title))?;
        self.catalogue(DOCUMENT, DCTERMS_CREATOR, Obj::Plain("catena gen"))?;
        self.catalogue(
            DOCUMENT,
            cat!("note"),
            Obj::English(
                "Synthetic data for benchmarks: made-up companies, models, chips, clouds and deals, not facts about the real world.",
            ),
        )
    }

    /// Starts the passage of records `first..first + RECORDS_PER_PASSAGE` of a kind.
    fn passage(&mut self, kind: Kind, first: usize) -> io::Result<()> {
        let block = first / RECORDS_PER_PASSAGE;
        let last = (first + RECORDS_PER_PASSAGE).min(self.counts.of(kind)) - 1;
        let section = kind.section();
        let passage = format!("{SRC}gen-{section}-{block}");
        let locator = format!("{section} {first}-{last}");
        self.catalogue(&passage, RDF_TYPE, Obj::Iri(cat!("Passage")))?;
        self.catalogue(&passage, cat!("inDocument"), Obj::Iri(DOCUMENT))?;
        self.catalogue(&passage, cat!("locatorKind"), Obj::Plain("table"))?;
        self.catalogue(&passage, cat!("locator"), Obj::Plain(&locator))?;
        self.catalogue(
            &passage,
            RDFS_LABEL,
            Obj::English(&format!("Generated {section}, records {first}-{last}")),
        )?;
        self.passage = passage;
        Ok(())
    }

    // -------------------------------------------------------------------- picks

    /// A country, most often Country 0.
    fn pick_country(&self, rng: &mut Rng) -> String {
        ent(Kind::Country, rng.skewed(self.counts.countries, 2))
    }

    /// A developer of models and datasets: mostly companies (Company 0 most of all),
    /// sometimes a research lab.
    fn pick_developer(&self, rng: &mut Rng, lab_per_mille: usize) -> Developer {
        if rng.chance(lab_per_mille) {
            Developer::Lab(rng.skewed(self.counts.research_labs, 2))
        } else {
            let developers = self.layout.developers(self.counts.companies);
            Developer::Company(self.layout.developer(rng.skewed(developers, 2)))
        }
    }

    /// Links `me` to one entity of `picks` (`first`, or drawn), and with a chance of
    /// `second_per_mille` ‰ to a second one drawn the same way, if it is another.
    fn one_or_two(
        &mut self,
        me: &str,
        predicate: &str,
        picks: Picks,
        first: Option<usize>,
        second_per_mille: usize,
        rng: &mut Rng,
    ) -> io::Result<()> {
        let first = first.unwrap_or_else(|| picks.draw(rng));
        self.link(me, predicate, &ent(picks.kind, first))?;
        if rng.chance(second_per_mille) {
            let second = picks.draw(rng);
            if second != first {
                self.link(me, predicate, &ent(picks.kind, second))?;
            }
        }
        Ok(())
    }

    // -------------------------------------------------------------------- records

    fn country(&mut self, index: usize) -> io::Result<()> {
        self.entity(Kind::Country, index).map(drop)
    }

    fn regulator(&mut self, index: usize) -> io::Result<()> {
        let me = self.entity(Kind::Regulator, index)?;
        let country = ent(Kind::Country, index % self.counts.countries);
        self.link(&me, cat!("basedIn"), &country)
    }

    fn alliance(&mut self, index: usize, rng: &mut Rng) -> io::Result<()> {
        let me = self.entity(Kind::Alliance, index)?;
        let country = self.pick_country(rng);
        self.link(&me, cat!("basedIn"), &country)?;
        let founded = 2016 + rng.below(10) as u32;
        self.year(&me, founded)
    }

    fn research_lab(&mut self, index: usize, rng: &mut Rng) -> io::Result<()> {
        let me = self.entity(Kind::ResearchLab, index)?;
        let country = self.pick_country(rng);
        self.link(&me, cat!("basedIn"), &country)?;
        let founded = 1950 + rng.below(70) as u32;
        self.year(&me, founded)?;
        if rng.chance(300) {
            let alliance = ent(Kind::Alliance, rng.skewed(self.counts.alliances, 2));
            self.link(&me, cat!("memberOf"), &alliance)?;
        }
        Ok(())
    }

    fn company(&mut self, index: usize, rng: &mut Rng) -> io::Result<()> {
        let me = self.entity(Kind::Company, index)?;
        let role = self.layout.role(index);
        let country = if role == Role::Hub {
            ent(Kind::Country, 0)
        } else {
            self.pick_country(rng)
        };
        self.link(&me, cat!("basedIn"), &country)?;
        let founded = match role {
            Role::Hub => 1975,
            Role::TopLab => 2015,
            _ => 1980 + rng.below(45) as u32,
        };
        self.year(&me, founded)?;

        // Alliances: the big players join more often.
        let member_per_mille = match role {
            Role::Hub => 1000,
            Role::TopLab | Role::ChipMaker(_) | Role::Foundry(_) | Role::CloudOperator(_) => 500,
            Role::Ordinary => 150,
        };
        if rng.chance(member_per_mille) {
            let alliance = if role == Role::Hub {
                0
            } else {
                rng.skewed(self.counts.alliances, 2)
            };
            self.link(&me, cat!("memberOf"), &ent(Kind::Alliance, alliance))?;
        }

        // Compute and manufacturing: where the chain goes down to silicon.
        match role {
            Role::ChipMaker(k) => {
                let foundry = if k == 0 {
                    0
                } else {
                    rng.skewed(self.layout.foundries, 2)
                };
                let foundry = ent(Kind::Company, self.layout.foundry(foundry));
                self.link(&me, cat!("dependsOnManufacturingFrom"), &foundry)?;
                self.link(&foundry, cat!("manufacturesFor"), &me)?;
            }
            Role::Foundry(_) => {}
            Role::Hub => {
                let maker = ent(Kind::Company, self.layout.chip_maker(0));
                self.link(&me, cat!("dependsOnComputeFrom"), &maker)?;
            }
            _ if rng.chance(300) => {
                let maker = rng.skewed(self.layout.chip_makers, 2);
                let maker = ent(Kind::Company, self.layout.chip_maker(maker));
                self.link(&me, cat!("dependsOnComputeFrom"), &maker)?;
            }
            _ => {}
        }

        self.revenues(index, role, &me, rng)?;
        self.investments_in(index, role, &me, rng)?;
        self.cloud_agreement(index, role, &me, rng)?;
        self.concerns_about(index, role, &me, rng)
    }

    /// Yearly revenue observations of the companies in the panel, larger for lower indices.
    fn revenues(&mut self, index: usize, role: Role, me: &str, rng: &mut Rng) -> io::Result<()> {
        if index >= self.revenue_panel {
            return Ok(());
        }
        let years = match role {
            Role::Hub => 2018..2025,
            Role::TopLab | Role::ChipMaker(0) => 2021..2025,
            _ if rng.chance(700) => (2024 - rng.below(3) as u32)..2025,
            _ => 0..0,
        };
        let base = 300_000_000_000 / (index as u64 + 1);
        let spread = 80 + rng.below(41) as u64; // ±20 %
        for year in years {
            let growth = 100 + 12 * u64::from(year - 2018);
            let value = (base * spread / 100 * growth / 100).max(1_000_000);
            let id = format!("{STMT}gen-revenue-Company{index}-{year}");
            let start = Day {
                year,
                month: 1,
                day: 1,
            };
            let end = Day {
                year,
                month: 12,
                day: 31,
            };
            self.observation(&Observation {
                id: &id,
                en: &format!("Company {index} revenue, FY{year}"),
                it: &format!("Ricavi di Company {index}, esercizio {year}"),
                subject: me,
                measure: cat!("Revenue"),
                value: &value.to_string(),
                unit: "USD",
                period: &format!("FY{year}"),
                start: Obj::Typed(&start.date(), XSD_DATE),
                end: Obj::Typed(&end.date(), XSD_DATE),
            })?;
            self.year(&id, year)?;
        }
        Ok(())
    }

    /// Investments received, each a statement plus one `investsIn` edge per investor.
    fn investments_in(
        &mut self,
        index: usize,
        role: Role,
        me: &str,
        rng: &mut Rng,
    ) -> io::Result<()> {
        let mut deals: Vec<(usize, u32)> = Vec::new();
        let extra = match role {
            Role::TopLab => {
                deals.extend([(0, 2019), (0, 2023), (0, 2025)]);
                2 + rng.below(4)
            }
            Role::Ordinary if rng.chance(350) => 1 + rng.below(2),
            _ => 0,
        };
        // One investment per investor and year, so that labels stay unique.
        add_distinct_draws(&mut deals, extra, rng, |rng| {
            let investor = rng.skewed(self.counts.companies, 2);
            let investor = if investor == index { 0 } else { investor };
            (investor, rng.recent_year(2015, 11))
        });
        let mut investors: Vec<usize> = Vec::new();
        for (investor_index, year) in deals {
            let investor = ent(Kind::Company, investor_index);
            let id = format!("{STMT}gen-inv-Company{index}-Company{investor_index}-{year}");
            self.statement(
                &id,
                cat!("Investment"),
                &format!("Company {investor_index} investment in Company {index}, {year}"),
                &format!("Investimento di Company {investor_index} in Company {index}, {year}"),
            )?;
            self.link(&id, cat!("investor"), &investor)?;
            self.link(&id, cat!("recipient"), me)?;
            let amount = 1_000_000 * (1 + rng.below(5000)) as u64;
            self.fact(
                &id,
                cat!("amount"),
                Obj::Typed(&amount.to_string(), XSD_DECIMAL),
            )?;
            let currency = match rng.below(10) {
                0 => "EUR",
                1 => "CNY",
                _ => "USD",
            };
            self.fact(&id, cat!("currency"), Obj::Plain(currency))?;
            let day = rng.day_in(year);
            self.date(&id, cat!("date"), day)?;
            if !investors.contains(&investor_index) {
                investors.push(investor_index);
                self.link(&investor, cat!("investsIn"), me)?;
            }
        }
        Ok(())
    }

    /// At most one cloud agreement per customer, with a cloud operator and one of its
    /// platforms.
    fn cloud_agreement(
        &mut self,
        index: usize,
        role: Role,
        me: &str,
        rng: &mut Rng,
    ) -> io::Result<()> {
        let (operator, platform, exclusive, start) = match role {
            Role::TopLab => (
                0,
                0,
                true,
                Day {
                    year: 2019,
                    month: 7,
                    day: 22,
                },
            ),
            Role::Ordinary if rng.chance(250) => {
                let operator = rng.skewed(self.layout.cloud_operators, 2);
                // Operator k runs clouds k, k + operators, k + 2·operators…
                let runs = (self.counts.clouds - operator).div_ceil(self.layout.cloud_operators);
                let platform = operator + self.layout.cloud_operators * rng.below(runs);
                let year = rng.recent_year(2016, 10);
                (operator, platform, rng.chance(300), rng.day_in(year))
            }
            _ => return Ok(()),
        };
        let provider_index = self.layout.cloud_operator(operator);
        let provider = ent(Kind::Company, provider_index);
        let platform = ent(Kind::Cloud, platform);
        let id = format!("{STMT}gen-cloud-Company{index}");
        self.statement(
            &id,
            cat!("Agreement"),
            &format!("Company {provider_index} cloud agreement with Company {index}"),
            &format!("Accordo cloud di Company {provider_index} con Company {index}"),
        )?;
        self.fact(&id, cat!("agreementKind"), Obj::Plain("cloud"))?;
        self.link(&id, cat!("party"), &provider)?;
        self.link(&id, cat!("party"), me)?;
        self.link(&id, cat!("cloudProvider"), &provider)?;
        self.link(&id, cat!("cloudCustomer"), me)?;
        self.link(&id, cat!("cloudPlatform"), &platform)?;
        let exclusive = if exclusive { "true" } else { "false" };
        self.fact(
            &id,
            cat!("exclusiveCloud"),
            Obj::Typed(exclusive, XSD_BOOLEAN),
        )?;
        self.date(&id, cat!("startDate"), start)?;
        self.link(&provider, cat!("providesCloudTo"), me)?;
        self.link(&platform, cat!("providesCloudTo"), me)?;
        self.link(me, cat!("dependsOnCloudFrom"), &provider)?;
        self.link(me, cat!("dependsOnCloudFrom"), &platform)
    }

    /// Antitrust concerns of regulators about the company.
    fn concerns_about(
        &mut self,
        index: usize,
        role: Role,
        me: &str,
        rng: &mut Rng,
    ) -> io::Result<()> {
        let mut concerns: Vec<(usize, u32)> = Vec::new();
        let extra = match role {
            Role::Hub => {
                concerns.extend([(0, 2023), (0, 2024), (1, 2024)]);
                3
            }
            Role::ChipMaker(_) | Role::CloudOperator(_) if rng.chance(500) => 1 + rng.below(2),
            Role::TopLab | Role::Ordinary if rng.chance(30) => 1,
            _ => 0,
        };
        add_distinct_draws(&mut concerns, extra, rng, |rng| {
            let regulator = rng.skewed(self.counts.regulators, 2);
            (regulator, rng.recent_year(2018, 8))
        });
        let mut raised_by: Vec<usize> = Vec::new();
        for (regulator_index, year) in concerns {
            let regulator = ent(Kind::Regulator, regulator_index);
            let id = format!("{STMT}gen-concern-Company{index}-Regulator{regulator_index}-{year}");
            self.statement(
                &id,
                cat!("AntitrustConcern"),
                &format!("Regulator {regulator_index} concern about Company {index}, {year}"),
                &format!(
                    "Preoccupazione di Regulator {regulator_index} su Company {index}, {year}"
                ),
            )?;
            self.link(&id, cat!("raisedBy"), &regulator)?;
            self.link(&id, cat!("concernAbout"), me)?;
            let theme = CONCERN_THEMES[rng.below(CONCERN_THEMES.len())];
            self.link(&id, cat!("theme"), theme)?;
            let month = rng.day_in(year).year_month();
            self.fact(&id, cat!("date"), Obj::Typed(&month, XSD_GYEARMONTH))?;
            if !raised_by.contains(&regulator_index) {
                raised_by.push(regulator_index);
                self.link(&regulator, cat!("raisesConcernAbout"), me)?;
            }
        }
        Ok(())
    }

    fn chip(&mut self, index: usize, rng: &mut Rng) -> io::Result<()> {
        let me = self.entity(Kind::Chip, index)?;
        let maker = if index == 0 {
            0
        } else {
            rng.skewed(self.layout.chip_makers, 2)
        };
        let maker = ent(Kind::Company, self.layout.chip_maker(maker));
        self.link(&maker, cat!("develops"), &me)?;
        let year = year_by_index(index, self.counts.chips, 2015, 11);
        let day = rng.day_in(year);
        self.date(&me, cat!("date"), day)
    }

    fn cloud(&mut self, index: usize, rng: &mut Rng) -> io::Result<()> {
        let me = self.entity(Kind::Cloud, index)?;
        let operator = index % self.layout.cloud_operators;
        let operator = ent(Kind::Company, self.layout.cloud_operator(operator));
        self.link(&operator, cat!("develops"), &me)?;
        let launched = 2008 + rng.below(17) as u32;
        let day = rng.day_in(launched);
        self.date(&me, cat!("date"), day)?;
        let chip = if index == 0 {
            0
        } else {
            rng.skewed(self.counts.chips, 3)
        };
        self.link(&me, cat!("dependsOnComputeFrom"), &ent(Kind::Chip, chip))
    }

    fn dataset(&mut self, index: usize, rng: &mut Rng) -> io::Result<()> {
        let me = self.entity(Kind::Dataset, index)?;
        let developer = self.pick_developer(rng, 300).iri();
        self.link(&developer, cat!("develops"), &me)?;
        let year = year_by_index(index, self.counts.datasets, 2010, 16);
        let day = rng.day_in(year);
        self.date(&me, cat!("date"), day)?;
        // Some datasets are derived from (filtered, translated…) earlier ones.
        // The source is among the first 32nd before this one: derivation chains stay short.
        if index > 0 && rng.chance(300) {
            let source = ent(Kind::Dataset, rng.skewed((index / 32).max(1), 2));
            self.link(&me, cat!("dependsOn"), &source)?;
        }
        Ok(())
    }

    fn model(&mut self, index: usize, rng: &mut Rng) -> io::Result<()> {
        let me = self.entity(Kind::Model, index)?;
        let year = year_by_index(index, self.counts.models, 2015, 11);
        // The first model of each year is an open model of Company 0, released as open
        // source: `open models by "Company 0" in YEAR` has an answer for every year.
        let first_of_year =
            index == 0 || year_by_index(index - 1, self.counts.models, 2015, 11) != year;
        let developer = if first_of_year {
            Developer::Company(0)
        } else {
            self.pick_developer(rng, 150)
        };
        self.link(&developer.iri(), cat!("develops"), &me)?;
        let day = rng.day_in(year);
        self.date(&me, cat!("date"), day)?;
        let access_roll = rng.below(100);
        let open = first_of_year || access_roll < 40;
        let access = if open {
            cat!("OpenAccess")
        } else if access_roll < 75 {
            cat!("LimitedAccess")
        } else {
            cat!("ClosedAccess")
        };
        self.link(&me, cat!("accessLevel"), access)?;

        // Fine-tuning chains: the base model is one of the first eighth before this one,
        // skewed towards Model 0, so that a chain is at most log₈(models) long.
        if index > 0 && (index < ALWAYS_DERIVED_MODELS || rng.chance(700)) {
            let bases = Picks::among(Kind::Model, (index / 8).max(1), 2);
            self.one_or_two(&me, cat!("dependsOn"), bases, None, 150, rng)?;
        }
        let datasets = Picks::among(Kind::Dataset, self.counts.datasets, 2);
        self.one_or_two(&me, cat!("dependsOn"), datasets, None, 500, rng)?;
        let chips = Picks::among(Kind::Chip, self.counts.chips, 3);
        let first_chip = (index == 0).then_some(0);
        self.one_or_two(&me, cat!("trainedWith"), chips, first_chip, 200, rng)?;

        if open && (first_of_year || rng.chance(600)) {
            let id = format!("{STMT}gen-release-Model{index}");
            self.statement(
                &id,
                cat!("OpenSourceRelease"),
                &format!("{} open-sources Model {index}", developer.label()),
                &format!("{} rende open source Model {index}", developer.label()),
            )?;
            let developer = developer.iri();
            self.link(&id, cat!("releasedBy"), &developer)?;
            self.link(&id, cat!("releasedItem"), &me)?;
            self.date(&id, cat!("date"), day)?;
            self.link(&developer, cat!("releasesOpenSource"), &me)?;
        }
        Ok(())
    }

    fn chatbot(&mut self, index: usize, rng: &mut Rng) -> io::Result<()> {
        let me = self.entity(Kind::Chatbot, index)?;
        let developer = if index == 0 {
            Developer::Company(1)
        } else {
            self.pick_developer(rng, 0)
        };
        self.link(&developer.iri(), cat!("develops"), &me)?;
        let launched = 2019 + rng.below(6) as u32;
        let day = rng.day_in(launched);
        self.date(&me, cat!("date"), day)?;
        let models = Picks::among(Kind::Model, self.counts.models, 2);
        let first_model = (index == 0).then_some(0);
        self.one_or_two(&me, cat!("dependsOn"), models, first_model, 300, rng)?;

        // Traffic shares follow a Zipf law over the panel, with ±3 % noise per month.
        if index >= self.traffic_panel {
            return Ok(());
        }
        let months = if index < 3 {
            TRAFFIC_MONTHS.len()
        } else {
            1 + rng.below(3)
        };
        let share = 100.0 / ((index + 1) as f64 * self.traffic_norm);
        for &(year, month, period) in &TRAFFIC_MONTHS[TRAFFIC_MONTHS.len() - months..] {
            let noise = 0.97 + 0.06 * rng.unit();
            let month_value = format!("{year}-{month:02}");
            self.observation(&Observation {
                id: &format!("{STMT}gen-traffic-Chatbot{index}-{year}-{month:02}"),
                en: &format!("Chatbot {index} web traffic share, {period}"),
                it: &format!("Quota di traffico web di Chatbot {index}, {period}"),
                subject: &me,
                measure: cat!("WebTrafficShare"),
                value: &format!("{:.6}", share * noise),
                unit: "percent",
                period,
                start: Obj::Typed(&month_value, XSD_GYEARMONTH),
                end: Obj::Typed(&month_value, XSD_GYEARMONTH),
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{self, RdfSource, SourceKind};
    use crate::vocab;
    use std::collections::{HashMap, HashSet};

    fn quads(entities: usize, seed: u64) -> Vec<Quad> {
        let mut all = Vec::new();
        generate(&GenOptions { entities, seed }, &mut |quad| {
            all.push(quad);
            Ok(())
        })
        .expect("generates");
        all
    }

    fn nquads(entities: usize, seed: u64) -> Vec<u8> {
        let mut bytes = Vec::new();
        write_to(
            &GenOptions { entities, seed },
            OutputSyntax::NQuads,
            &mut bytes,
        )
        .expect("writes");
        bytes
    }

    fn iri(quad_part: &Term) -> Option<&str> {
        match quad_part {
            Term::NamedNode(node) => Some(node.as_str()),
            _ => None,
        }
    }

    #[test]
    fn namespaces_match_the_vocabulary() {
        assert!(cat!("x").starts_with(vocab::CAT));
        assert_eq!(ENT, vocab::ENT);
        assert_eq!(STMT, vocab::STMT);
        assert_eq!(SRC, vocab::SRC);
        assert_eq!(CATALOGUE, vocab::CATALOGUE_GRAPH);
        assert!(RDF_TYPE.starts_with(vocab::RDF) && RDFS_LABEL.starts_with(vocab::RDFS));
        assert!(XSD_DATE.starts_with(vocab::XSD) && DCTERMS_TITLE.starts_with(vocab::DCTERMS));
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_another_graph() {
        let first = nquads(3000, 7);
        assert_eq!(first, nquads(3000, 7));
        let other = nquads(3000, 8);
        let lines = |bytes: &[u8]| -> HashSet<String> {
            String::from_utf8_lossy(bytes)
                .lines()
                .map(str::to_owned)
                .collect()
        };
        let (a, b) = (lines(&first), lines(&other));
        let differing = a.symmetric_difference(&b).count();
        assert!(
            differing > a.len() / 4,
            "only {differing} of {} lines differ",
            a.len()
        );
    }

    #[test]
    fn streamed_quads_and_written_lines_agree() {
        let written = nquads(1500, 3);
        let parsed: Vec<Quad> = oxttl::NQuadsParser::new()
            .for_slice(&written)
            .collect::<Result<_, _>>()
            .expect("the output is valid N-Quads");
        assert_eq!(parsed, quads(1500, 3));
        let mut triples = Vec::new();
        let summary = write_to(
            &GenOptions {
                entities: 1500,
                seed: 3,
            },
            OutputSyntax::NTriples,
            &mut triples,
        )
        .expect("writes");
        let parsed = oxttl::NTriplesParser::new()
            .for_slice(&triples)
            .collect::<Result<Vec<_>, _>>()
            .expect("the output is valid N-Triples");
        assert_eq!(parsed.len(), summary.quads);
        assert_eq!(
            summary.quads,
            written.iter().filter(|&&b| b == b'\n').count()
        );
    }

    #[test]
    fn literals_are_escaped() {
        let line = |subject: &str, object: Obj<'_>| {
            let mut bytes = Vec::new();
            let mut writer = LineWriter::new(&mut bytes, OutputSyntax::NQuads);
            writer
                .quad(subject, RDFS_LABEL, object, CATALOGUE)
                .expect("writes");
            writer.drain().expect("writes");
            String::from_utf8(bytes).expect("UTF-8")
        };
        assert!(!iri_is_writable("http://example.org/a b"));
        assert!(!iri_is_writable("http://example.org/a>"));
        assert!(iri_is_writable(&ent(Kind::ResearchLab, 12)));
        let text = "say \"hi\"\\\n\rbye, caffè";
        let written = line("http://example.org/a", Obj::English(text));
        assert_eq!(
            written,
            format!(
                "<http://example.org/a> <{RDFS_LABEL}> \"say \\\"hi\\\"\\\\\\n\\rbye, caffè\"@en <{CATALOGUE}> .\n"
            )
        );
        let parsed: Vec<Quad> = oxttl::NQuadsParser::new()
            .for_slice(written.as_bytes())
            .collect::<Result<_, _>>()
            .expect("parses");
        let Term::Literal(literal) = &parsed[0].object else {
            panic!("a literal")
        };
        assert_eq!(literal.value(), text);
    }

    #[test]
    fn the_graph_satisfies_the_ontology() {
        let text = String::from_utf8(nquads(2000, 11)).expect("UTF-8");
        let mut sources: Vec<RdfSource> = graph::embedded_sources()
            .into_iter()
            .filter(|s| s.kind == SourceKind::Ontology)
            .collect();
        sources.push(RdfSource {
            name: "gen.nq".into(),
            text,
            kind: SourceKind::Data,
        });
        let parsed = graph::parse_all(&sources).expect("parses");
        let (violations, summary) = crate::check::check(&parsed);
        assert!(
            violations.is_empty(),
            "{:#?}",
            &violations[..violations.len().min(20)]
        );
        assert!(summary.passages > 10);
    }

    #[test]
    fn no_reference_dangles() {
        let all = quads(5000, 2);
        let mut typed: HashSet<&str> = HashSet::new();
        let mut labelled: HashSet<&str> = HashSet::new();
        for quad in &all {
            if quad.predicate.as_str() == RDF_TYPE {
                typed.insert(quad.subject.as_str_named());
            } else if quad.predicate.as_str() == RDFS_LABEL {
                labelled.insert(quad.subject.as_str_named());
            }
        }
        for quad in &all {
            let object = iri(&quad.object);
            for node in [Some(quad.subject.as_str_named()), object]
                .into_iter()
                .flatten()
                .filter(|n| [ENT, STMT, SRC].iter().any(|ns| n.starts_with(ns)))
            {
                assert!(typed.contains(node), "{node} has no type");
                assert!(labelled.contains(node), "{node} has no label");
            }
            if let GraphName::NamedNode(graph) = &quad.graph_name
                && graph.as_str() != CATALOGUE
            {
                assert!(typed.contains(graph.as_str()), "{graph} is not described");
            }
        }
    }

    trait NamedSubject {
        fn as_str_named(&self) -> &str;
    }

    impl NamedSubject for oxigraph::model::NamedOrBlankNode {
        fn as_str_named(&self) -> &str {
            match self {
                oxigraph::model::NamedOrBlankNode::NamedNode(node) => node.as_str(),
                oxigraph::model::NamedOrBlankNode::BlankNode(_) => {
                    panic!("the generator writes no blank node")
                }
            }
        }
    }

    #[test]
    fn proportions_follow_the_module_doc() {
        let entities = 20_000;
        let all = quads(entities, 5);
        let mut by_class: HashMap<&str, usize> = HashMap::new();
        for quad in &all {
            if quad.predicate.as_str() == RDF_TYPE
                && quad.subject.as_str_named().starts_with(ENT)
                && let Some(class) = iri(&quad.object)
            {
                *by_class.entry(class).or_default() += 1;
            }
        }
        let share =
            |class: &str| by_class.get(class).copied().unwrap_or(0) as f64 / entities as f64;
        let near = |class: &str, expected: f64| {
            let found = share(class);
            assert!(
                (found - expected).abs() < expected * 0.1 + 0.001,
                "{class}: {found} instead of about {expected}"
            );
        };
        near(cat!("FoundationModel"), 0.38);
        near(cat!("Company"), 0.26);
        near(cat!("Dataset"), 0.13);
        near(cat!("Chatbot"), 0.13);
        near(cat!("ResearchBody"), 0.05);
        near(cat!("Chip"), 0.03);
        near(cat!("CloudPlatform"), 0.02);
        assert_eq!(by_class[cat!("Country")], 20);
        assert_eq!(by_class.values().sum::<usize>(), entities);
        let ratio = all.len() as f64 / entities as f64;
        assert!(
            (ratio - TRIPLES_PER_ENTITY).abs() < 0.3,
            "{ratio} triples per entity"
        );
    }

    /// Fan-in of `predicate` by object, among objects starting with `stem`.
    fn fan_in<'q>(all: &'q [Quad], predicate: &str, stem: &str) -> HashMap<&'q str, usize> {
        let mut counts = HashMap::new();
        for quad in all {
            if quad.predicate.as_str() == predicate
                && let Some(object) = iri(&quad.object).filter(|o| o.starts_with(stem))
            {
                *counts.entry(object).or_default() += 1;
            }
        }
        counts
    }

    fn fan_out<'q>(all: &'q [Quad], predicate: &str, stem: &str) -> HashMap<&'q str, usize> {
        let mut counts = HashMap::new();
        for quad in all {
            let subject = quad.subject.as_str_named();
            if quad.predicate.as_str() == predicate && subject.starts_with(stem) {
                *counts.entry(subject).or_default() += 1;
            }
        }
        counts
    }

    fn top(counts: &HashMap<&str, usize>) -> String {
        let mut entries: Vec<(&&str, &usize)> = counts.iter().collect();
        entries.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        entries[0].0.to_string()
    }

    #[test]
    fn entity_zero_of_each_kind_is_the_hub() {
        for seed in [1, 2, 3] {
            let all = quads(20_000, seed);
            let model = format!("{ENT}Model");
            let chip = format!("{ENT}Chip");
            let company = format!("{ENT}Company");
            let dependents = fan_in(&all, cat!("dependsOn"), &model);
            assert_eq!(top(&dependents), format!("{ENT}Model0"), "seed {seed}");
            let trained = fan_in(&all, cat!("trainedWith"), &chip);
            assert_eq!(top(&trained), format!("{ENT}Chip0"), "seed {seed}");
            let hosted = fan_in(&all, cat!("basedIn"), &format!("{ENT}Country"));
            assert_eq!(top(&hosted), format!("{ENT}Country0"), "seed {seed}");
            let funded = fan_in(&all, cat!("recipient"), &company);
            assert_eq!(top(&funded), format!("{ENT}Company1"), "seed {seed}");
            let investors = fan_in(&all, cat!("investor"), &company);
            assert_eq!(top(&investors), format!("{ENT}Company0"), "seed {seed}");
            let developed = fan_out(&all, cat!("develops"), &company);
            assert_eq!(top(&developed), format!("{ENT}Company0"), "seed {seed}");
            let members = fan_in(&all, cat!("memberOf"), &format!("{ENT}Alliance"));
            assert_eq!(top(&members), format!("{ENT}Alliance0"), "seed {seed}");
            let concerns = fan_out(&all, cat!("raisesConcernAbout"), &format!("{ENT}Regulator"));
            assert_eq!(top(&concerns), format!("{ENT}Regulator0"), "seed {seed}");
        }
    }

    #[test]
    fn dependency_chains_are_deep_but_not_endless() {
        // Measured: 5 at 2,000 entities, 7 at 10⁵, 9 at 10⁶.
        for entities in [2_000, 100_000] {
            let all = quads(entities, 4);
            let mut depends: HashMap<&str, Vec<&str>> = HashMap::new();
            for quad in &all {
                if [cat!("dependsOn"), cat!("trainedWith")].contains(&quad.predicate.as_str())
                    && let Some(object) = iri(&quad.object)
                {
                    depends
                        .entry(quad.subject.as_str_named())
                        .or_default()
                        .push(object);
                }
            }
            // Longest chain below each node, memoised (the graph is a DAG: edges go to lower
            // indices or to other kinds).
            fn depth<'a>(
                node: &'a str,
                depends: &HashMap<&'a str, Vec<&'a str>>,
                memo: &mut HashMap<&'a str, usize>,
            ) -> usize {
                if let Some(&known) = memo.get(node) {
                    return known;
                }
                let below = depends
                    .get(node)
                    .into_iter()
                    .flatten()
                    .map(|next| 1 + depth(next, depends, memo))
                    .max()
                    .unwrap_or(0);
                memo.insert(node, below);
                below
            }
            let mut memo = HashMap::new();
            let deepest = depends
                .keys()
                .map(|node| depth(node, &depends, &mut memo))
                .max()
                .unwrap_or(0);
            assert!(
                (4..=10).contains(&deepest),
                "{entities} entities: deepest chain {deepest}"
            );
        }
    }

    #[test]
    fn labels_are_unique() {
        let all = quads(10_000, 9);
        let mut seen = HashSet::new();
        for quad in &all {
            if quad.predicate.as_str() == RDFS_LABEL
                && let Term::Literal(literal) = &quad.object
            {
                assert!(
                    seen.insert(literal.value().to_lowercase()),
                    "label used twice: {}",
                    literal.value()
                );
            }
        }
    }

    #[test]
    fn output_paths_name_the_syntax() {
        assert_eq!(
            OutputSyntax::for_path(Path::new("g.nq")).ok(),
            Some(OutputSyntax::NQuads)
        );
        assert_eq!(
            OutputSyntax::for_path(Path::new("dir/g.nt")).ok(),
            Some(OutputSyntax::NTriples)
        );
        for bad in ["-", "g.ttl", "g"] {
            assert!(matches!(
                OutputSyntax::for_path(Path::new(bad)),
                Err(GenError::Usage(_))
            ));
        }
    }

    #[test]
    fn tiny_graphs_still_have_every_kind_and_anchor() {
        let all = quads(1, 0);
        let labels: HashSet<String> = all
            .iter()
            .filter(|q| q.predicate.as_str() == RDFS_LABEL)
            .filter_map(|q| match &q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
        for anchor in anchors() {
            assert!(labels.contains(anchor.label), "no {}", anchor.label);
        }
    }

    #[test]
    fn roles_and_their_indices_agree() {
        for entities in [1, 2_000, 100_000, 3_000_000] {
            let counts = Counts::new(entities);
            let layout = Layout::new(&counts);
            for k in 0..layout.chip_makers {
                assert_eq!(layout.role(layout.chip_maker(k)), Role::ChipMaker(k));
            }
            for k in 0..layout.foundries {
                assert_eq!(layout.role(layout.foundry(k)), Role::Foundry(k));
            }
            assert_eq!(layout.role(layout.cloud_operator(0)), Role::Hub);
            for k in 1..layout.cloud_operators {
                assert_eq!(
                    layout.role(layout.cloud_operator(k)),
                    Role::CloudOperator(k)
                );
            }
            assert_eq!(layout.role(layout.first_ordinary), Role::Ordinary);
            assert_ne!(layout.role(layout.first_ordinary - 1), Role::Ordinary);
            let developers = layout.developers(counts.companies);
            assert_eq!(layout.developer(developers - 1), counts.companies - 1);
            assert!(layout.cloud_operators <= counts.clouds);
        }
    }

    #[test]
    fn triples_give_entities() {
        assert_eq!(entities_for_triples(0), 1);
        for wanted in [10_000, 300_000] {
            let entities = entities_for_triples(wanted);
            let made = quads(entities, 1).len() as f64;
            let error = (made - wanted as f64).abs() / wanted as f64;
            assert!(error < 0.05, "{wanted} triples asked, {made} made");
        }
    }
}
