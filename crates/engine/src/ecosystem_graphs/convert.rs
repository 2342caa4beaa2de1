//! Assets → quads in catena's ontology, one named graph per record, plus the [`Report`].

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Store};
use serde::Serialize;

use super::AssetFile;
use super::organisations;
use super::record::{Access, Asset, AssetKind, Date};
use crate::lexicon::entity_index;
use crate::sparql::{self, QueryOutput};
use crate::vocab::{self, DCTERMS, ENT, RDF, RDFS, SKOS, SRC, XSD};
use crate::vocabulary::EntityIndex;

/// The source document every imported passage belongs to.
pub const DOCUMENT: &str = "https://w3id.org/catena/source/ecosystem-graphs";

/// What the graph knows before the import: names, and which entities are organisations or
/// products, so that imported names link to them.
pub struct Existing {
    index: EntityIndex,
    organisations: HashSet<String>,
    products: HashSet<String>,
    /// Every `ent:` IRI with a type: new IRIs must not take one of these.
    iris: HashSet<String>,
}

impl Existing {
    pub fn from_store(store: &Store) -> Result<Self, StorageError> {
        let mut existing = Self {
            index: entity_index(store)?,
            organisations: HashSet::new(),
            products: HashSet::new(),
            iris: HashSet::new(),
        };
        let query = "SELECT DISTINCT ?x ?kind WHERE {\n  ?x a ?type .\n  FILTER (STRSTARTS(STR(?x), STR(ent:)))\n  OPTIONAL { ?type rdfs:subClassOf* ?kind . VALUES ?kind { cat:Organisation cat:Product } }\n}";
        let output =
            sparql::run(store, query).map_err(|e| StorageError::Other(e.to_string().into()))?;
        if let QueryOutput::Solutions { rows, .. } = output {
            for row in rows {
                let Some(Some(Term::NamedNode(x))) = row.first() else {
                    continue;
                };
                let iri = x.as_str().to_owned();
                match row.get(1) {
                    Some(Some(Term::NamedNode(kind)))
                        if kind.as_str() == vocab::cat("Organisation") =>
                    {
                        existing.organisations.insert(iri.clone());
                    }
                    Some(Some(Term::NamedNode(kind))) if kind.as_str() == vocab::cat("Product") => {
                        existing.products.insert(iri.clone());
                    }
                    _ => {}
                }
                existing.iris.insert(iri);
            }
        }
        for entity in &existing.index.entities {
            existing.iris.insert(entity.iri.as_str().to_owned());
        }
        Ok(existing)
    }

    /// An empty graph: nothing to link to.
    pub fn none() -> Self {
        Self {
            index: EntityIndex::default(),
            organisations: HashSet::new(),
            products: HashSet::new(),
            iris: HashSet::new(),
        }
    }

    /// The one entity of the wanted kind with this name (label or alias), if exactly one.
    fn unique(&self, name: &str, kind: &HashSet<String>) -> Option<NamedNode> {
        let hits: Vec<_> = self
            .index
            .lookup(name)
            .into_iter()
            .filter(|e| kind.contains(e.iri.as_str()))
            .collect();
        match hits.as_slice() {
            [one] => Some(one.iri.clone()),
            _ => None,
        }
    }
}

/// A problem with one record, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub name: Option<String>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(name) = &self.name {
            write!(f, "{name}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// A dependency name that names no asset of the data set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unresolved {
    pub name: String,
    /// Records naming it.
    pub mentions: usize,
    /// The label of the graph's entity it was linked to, when the graph already knew it.
    pub linked_to: Option<String>,
}

/// Two or more records with one name: they describe one asset node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub name: String,
    /// `file:line` of each record.
    pub records: Vec<String>,
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub files: usize,
    pub records: usize,
    /// Distinct asset names by type (`models`, `datasets`, `applications`).
    pub assets_by_type: BTreeMap<String, usize>,
    pub distinct_assets: usize,
    /// Assets that the graph already had (by name or alias), now with both sources.
    pub assets_linked: Vec<String>,
    pub duplicate_names: Vec<Duplicate>,
    pub organisations: usize,
    /// Organisations the graph already had.
    pub organisations_linked: Vec<String>,
    pub organisation_spellings: usize,
    /// Spellings read as another name of an organisation: (as written, organisation).
    pub organisation_variants: Vec<(String, String)>,
    pub dependency_edges: usize,
    /// Dependency names that matched an asset only after ignoring case and spacing:
    /// (as written, asset).
    pub dependencies_normalised: Vec<(String, String)>,
    pub unresolved_dependencies: Vec<Unresolved>,
    pub self_dependencies: Vec<String>,
    /// Assets on a dependency cycle (transitive questions still end).
    pub assets_on_cycles: Vec<String>,
    pub skipped: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// Files that could not be read at all (only with --keep-going).
    pub broken_files: Vec<String>,
    pub quads: usize,
    pub new_quads: usize,
    pub seconds: f64,
}

/// Names of at most `limit` items, then how many more.
fn sample(items: &[String], limit: usize) -> String {
    let mut text = items
        .iter()
        .take(limit)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > limit {
        text.push_str(&format!(", … ({} more)", items.len() - limit));
    }
    text
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_assets(f)?;
        self.write_organisations(f)?;
        self.write_dependencies(f)?;
        self.write_problems(f)
    }
}

impl Report {
    /// The totals and the assets.
    fn write_assets(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kinds: Vec<String> = self
            .assets_by_type
            .iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        writeln!(
            f,
            "imported {} records from {} files in {:.2} s: {} quads ({} new)",
            self.records, self.files, self.seconds, self.quads, self.new_quads
        )?;
        writeln!(
            f,
            "  assets: {} ({})",
            self.distinct_assets,
            kinds.join(", ")
        )?;
        if !self.assets_linked.is_empty() {
            writeln!(
                f,
                "    already in the graph, now with both sources: {}",
                sample(&self.assets_linked, 8)
            )?;
        }
        if !self.duplicate_names.is_empty() {
            let names: Vec<String> = self
                .duplicate_names
                .iter()
                .map(|d| format!("{} ({})", d.name, d.records.join(", ")))
                .collect();
            writeln!(
                f,
                "    names given by more than one record, merged: {}",
                sample(&names, 6)
            )?;
        }
        Ok(())
    }

    fn write_organisations(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "  organisations: {} from {} spellings ({} already in the graph)",
            self.organisations,
            self.organisation_spellings,
            self.organisations_linked.len()
        )?;
        if !self.organisation_variants.is_empty() {
            let variants: Vec<String> = self
                .organisation_variants
                .iter()
                .map(|(written, org)| format!("{written} → {org}"))
                .collect();
            writeln!(f, "    read as one organisation: {}", sample(&variants, 6))?;
        }
        Ok(())
    }

    fn write_dependencies(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  dependency edges: {}", self.dependency_edges)?;
        if !self.dependencies_normalised.is_empty() {
            let pairs: Vec<String> = self
                .dependencies_normalised
                .iter()
                .map(|(written, asset)| format!("{written} → {asset}"))
                .collect();
            writeln!(
                f,
                "    matched ignoring case and spacing: {}",
                sample(&pairs, 6)
            )?;
        }
        let unresolved: Vec<String> = self
            .unresolved_dependencies
            .iter()
            .map(|u| match &u.linked_to {
                Some(entity) if *entity != u.name => format!("{} (= {entity})", u.name),
                _ => u.name.clone(),
            })
            .collect();
        writeln!(
            f,
            "  unresolved dependency names: {}, kept as external assets{}{}",
            unresolved.len(),
            if unresolved.is_empty() { "" } else { ": " },
            sample(&unresolved, 10)
        )?;
        if !self.self_dependencies.is_empty() {
            writeln!(
                f,
                "  self-dependencies dropped: {}",
                sample(&self.self_dependencies, 10)
            )?;
        }
        if !self.assets_on_cycles.is_empty() {
            writeln!(
                f,
                "  assets on dependency cycles: {}",
                sample(&self.assets_on_cycles, 10)
            )?;
        }
        Ok(())
    }

    /// Skipped records, unreadable files and warnings.
    fn write_problems(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  records skipped: {}", self.skipped.len())?;
        for problem in &self.skipped {
            writeln!(f, "    {problem}")?;
        }
        if !self.broken_files.is_empty() {
            writeln!(f, "  files skipped: {}", self.broken_files.len())?;
            for file in &self.broken_files {
                writeln!(f, "    {file}")?;
            }
        }
        writeln!(f, "  warnings: {}", self.warnings.len())?;
        for problem in self.warnings.iter().take(20) {
            writeln!(f, "    {problem}")?;
        }
        if self.warnings.len() > 20 {
            writeln!(
                f,
                "    … {} more (--format json lists them all)",
                self.warnings.len() - 20
            )?;
        }
        Ok(())
    }
}

/// Whether an entity's names already give `name`, also as a label with its kind after it
/// ("Deepseek (model)"): such a label was chosen to keep the bare name free, so the bare name
/// must not come back as an alias.
fn names_cover(names: &[String], name: &str) -> bool {
    names.iter().any(|n| {
        n == name
            || n.strip_suffix(')')
                .and_then(|rest| rest.rsplit_once(" ("))
                .is_some_and(|(base, _)| base == name)
    })
}

/// ASCII CamelCase of a name, the style of the graph's entity IRIs ("The Pile" → ThePile).
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() {
        out.push_str("Unnamed");
    }
    out
}

/// Lower-case words joined by hyphens, for passage IRIs ("GPT-4 Turbo" → gpt-4-turbo).
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "record".to_owned()
    } else {
        out
    }
}

/// Letters and digits, lower-cased: dependency names that differ only in case, spacing or
/// punctuation meet here ("LLaMA 2" and "Llama 2").
fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn cat(local: &str) -> NamedNode {
    NamedNode::new_unchecked(vocab::cat(local))
}

/// Allocates new `ent:` IRIs that clash with nothing in the graph or the import.
struct Iris<'a> {
    existing: &'a Existing,
    taken: HashSet<String>,
}

impl Iris<'_> {
    fn fresh(&mut self, name: &str) -> NamedNode {
        let base = format!("{ENT}{}", camel(name));
        let mut iri = base.clone();
        let mut n = 1;
        while self.existing.iris.contains(&iri) || self.taken.contains(&iri) {
            n += 1;
            iri = format!("{base}_{n}");
        }
        self.taken.insert(iri.clone());
        node(&iri)
    }
}

/// An organisation of the import.
struct Organisation {
    iri: NamedNode,
    /// The label to write, for organisations new to the graph.
    new_label: Option<String>,
    research_body: bool,
    /// Whether this spelling may be written as an alias: not when the import also uses it
    /// for an asset or a dependency ("Hugging Face"), which would make the name ambiguous.
    alias: bool,
}

/// A dependency target that is not an asset of the data set.
struct External {
    iri: NamedNode,
    label: String,
    /// Already an entity of the graph.
    linked: Option<String>,
    mentions: usize,
}

struct Quads {
    quads: Vec<Quad>,
    seen: HashSet<Quad>,
}

impl Quads {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>, g: &NamedNode) {
        let quad = Quad::new(
            NamedOrBlankNode::NamedNode(s.clone()),
            p,
            o.into(),
            GraphName::NamedNode(g.clone()),
        );
        if self.seen.insert(quad.clone()) {
            self.quads.push(quad);
        }
    }
}

fn english(text: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(text, "en")
}

fn date_literal(date: Date) -> Literal {
    let datatype = match date {
        Date::Year(_) => "gYear",
        Date::Month(..) => "gYearMonth",
        Date::Day(..) => "date",
    };
    Literal::new_typed_literal(date.to_string(), node(&format!("{XSD}{datatype}")))
}

/// Converts the files' assets into quads and says what it did.
pub fn build(files: &[AssetFile], existing: &Existing) -> (Vec<Quad>, Report) {
    let mut report = Report {
        files: files.len(),
        ..Report::default()
    };
    let mut iris = Iris {
        existing,
        taken: HashSet::new(),
    };
    let records = all_records(files, &mut report);
    let assets = Assets::name(&records, existing, &mut iris, &mut report);
    let organisations =
        resolve_organisations(&records, &assets.by_name, existing, &mut iris, &mut report);
    let import = Import {
        existing,
        assets: &assets,
        organisations: &organisations,
    };
    let mut writer = Writer::new(iris, report);
    describe_document(&mut writer.out, &writer.document, &writer.catalogue);
    for &(file, asset) in &records {
        writer.record(&import, file, asset);
    }
    writer.finish()
}

/// Every record, in file and line order; the records the reader skipped go to the report.
fn all_records<'a>(files: &'a [AssetFile], report: &mut Report) -> Vec<(&'a AssetFile, &'a Asset)> {
    let records: Vec<(&AssetFile, &Asset)> = files
        .iter()
        .flat_map(|file| file.assets.iter().map(move |asset| (file, asset)))
        .collect();
    report.records = records.len() + files.iter().map(|f| f.skipped.len()).sum::<usize>();
    for file in files {
        for skipped in &file.skipped {
            report.skipped.push(Problem {
                file: file.name.clone(),
                line: skipped.line,
                name: skipped.name.clone(),
                message: skipped.reason.clone(),
            });
        }
    }
    records
}

/// The assets of the import: records with one name describe one asset.
struct Assets<'a> {
    by_name: BTreeMap<&'a str, Vec<(&'a AssetFile, &'a Asset)>>,
    iri: HashMap<&'a str, NamedNode>,
    /// Labels of assets new to the graph; a name the graph already gives to something else
    /// gets its kind after it ("Deepseek (model)"), so that questions stay unambiguous.
    new_label: HashMap<&'a str, String>,
    /// Asset names by loose key, to resolve dependencies written differently.
    by_loose: HashMap<String, Vec<&'a str>>,
}

impl<'a> Assets<'a> {
    /// Groups the records by name and gives each asset its IRI: the graph's, when it
    /// already has the asset, else a fresh one.
    fn name(
        records: &[(&'a AssetFile, &'a Asset)],
        existing: &Existing,
        iris: &mut Iris<'_>,
        report: &mut Report,
    ) -> Self {
        let mut by_name: BTreeMap<&str, Vec<(&AssetFile, &Asset)>> = BTreeMap::new();
        for &(file, asset) in records {
            by_name.entry(&asset.name).or_default().push((file, asset));
        }
        let mut assets = Assets {
            by_name: BTreeMap::new(),
            iri: HashMap::new(),
            new_label: HashMap::new(),
            by_loose: HashMap::new(),
        };
        let mut kinds: BTreeMap<AssetKind, BTreeSet<&str>> = BTreeMap::new();
        for (name, group) in &by_name {
            let kind = group.first().map_or(AssetKind::Model, |(_, a)| a.kind);
            let iri = assets.identify(name, kind, existing, iris, report);
            assets.iri.insert(name, iri);
            for (_, asset) in group {
                kinds.entry(asset.kind).or_default().insert(name);
            }
            if group.len() > 1 {
                report.duplicate_names.push(Duplicate {
                    name: (*name).to_owned(),
                    records: group
                        .iter()
                        .map(|(file, asset)| format!("{}:{}", file.name, asset.line))
                        .collect(),
                });
            }
        }
        report.distinct_assets = by_name.len();
        report.assets_by_type = kinds
            .iter()
            .map(|(kind, names)| (kind.plural().to_owned(), names.len()))
            .collect();
        for name in by_name.keys() {
            assets.by_loose.entry(loose(name)).or_default().push(name);
        }
        assets.by_name = by_name;
        assets
    }

    /// The IRI of the asset named `name`: the graph's, else a fresh one with a new label.
    fn identify(
        &mut self,
        name: &'a str,
        kind: AssetKind,
        existing: &Existing,
        iris: &mut Iris<'_>,
        report: &mut Report,
    ) -> NamedNode {
        // An earlier import may have labelled it "Name (kind)".
        let earlier =
            || existing.unique(&format!("{name} ({})", kind.singular()), &existing.products);
        match existing.unique(name, &existing.products).or_else(earlier) {
            Some(iri) => {
                report.assets_linked.push(name.to_owned());
                iri
            }
            None => {
                let label = if existing.index.lookup(name).is_empty() {
                    name.to_owned()
                } else {
                    format!("{name} ({})", kind.singular())
                };
                self.new_label.insert(name, label);
                iris.fresh(name)
            }
        }
    }

    /// The asset a dependency names: by exact name, else ignoring case and spacing (then
    /// noted in `normalised`).
    fn named(
        &self,
        dependency: &'a str,
        normalised: &mut BTreeSet<(String, String)>,
    ) -> Option<&'a str> {
        if self.by_name.contains_key(dependency) {
            return Some(dependency);
        }
        match self.by_loose.get(&loose(dependency)).map(Vec::as_slice) {
            Some([one]) => {
                normalised.insert((dependency.to_owned(), (*one).to_owned()));
                Some(one)
            }
            _ => None,
        }
    }

    /// The asset name as the key of `by_name` (the same text), for the dependency graph.
    fn key(&self, name: &str) -> &'a str {
        self.by_name.get_key_value(name).map_or("", |(k, _)| *k)
    }
}

/// What every record's conversion reads: the graph before the import, the assets and the
/// organisations.
struct Import<'a> {
    existing: &'a Existing,
    assets: &'a Assets<'a>,
    organisations: &'a HashMap<String, Organisation>,
}

/// The quads written so far and what the report gathers across records.
struct Writer<'a> {
    iris: Iris<'a>,
    report: Report,
    out: Quads,
    rdf_type: NamedNode,
    label: NamedNode,
    alt_label: NamedNode,
    document: NamedNode,
    catalogue: NamedNode,
    passages_taken: HashSet<String>,
    /// Dependency targets that are not assets of the data set.
    externals: BTreeMap<String, External>,
    normalised: BTreeSet<(String, String)>,
    edges: BTreeSet<(String, String)>,
    adjacency: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> Writer<'a> {
    fn new(iris: Iris<'a>, report: Report) -> Self {
        Self {
            iris,
            report,
            out: Quads {
                quads: Vec::new(),
                seen: HashSet::new(),
            },
            rdf_type: node(&format!("{RDF}type")),
            label: node(&format!("{RDFS}label")),
            alt_label: node(&format!("{SKOS}altLabel")),
            document: node(DOCUMENT),
            catalogue: node(vocab::CATALOGUE_GRAPH),
            passages_taken: HashSet::new(),
            externals: BTreeMap::new(),
            normalised: BTreeSet::new(),
            edges: BTreeSet::new(),
            adjacency: HashMap::new(),
        }
    }

    /// One record: its passage, its warnings, then its asset's description.
    fn record(&mut self, import: &Import<'a>, file: &AssetFile, asset: &'a Asset) {
        let g = self.passage(file, asset);
        for warning in &asset.warnings {
            self.report.warnings.push(Problem {
                file: file.name.clone(),
                line: asset.line,
                name: Some(asset.name.clone()),
                message: warning.clone(),
            });
        }
        let Some(x) = import.assets.iri.get(asset.name.as_str()).cloned() else {
            return;
        };
        self.asset(import, asset, &x, &g);
        for spelling in asset
            .organisation
            .as_deref()
            .map(organisations::split)
            .unwrap_or_default()
        {
            if let Some(org) = import.organisations.get(&spelling) {
                self.developer(import.existing, org, &spelling, &x, &g);
            }
        }
        self.properties(asset, &x, &g);
        for dependency in &asset.dependencies {
            self.dependency(import, asset, dependency, &x, &g);
        }
    }

    /// The record's passage: its named graph and its catalogue entry.
    fn passage(&mut self, file: &AssetFile, asset: &Asset) -> NamedNode {
        let base = format!(
            "{SRC}ecosystem-graphs/{}/{}",
            slug(file.name.trim_end_matches(".yaml").trim_end_matches(".yml")),
            slug(&asset.name)
        );
        let mut passage_iri = base.clone();
        let mut n = 1;
        while !self.passages_taken.insert(passage_iri.clone()) {
            n += 1;
            passage_iri = format!("{base}-{n}");
        }
        let g = node(&passage_iri);
        let catalogue = &self.catalogue;
        let out = &mut self.out;
        out.add(&g, self.rdf_type.clone(), cat("Passage"), catalogue);
        out.add(&g, cat("inDocument"), self.document.clone(), catalogue);
        out.add(&g, cat("locatorKind"), Literal::from("record"), catalogue);
        let locator = format!("{}: {} (line {})", file.name, asset.name, asset.line);
        out.add(
            &g,
            cat("locator"),
            Literal::from(locator.as_str()),
            catalogue,
        );
        out.add(
            &g,
            self.label.clone(),
            english(&format!("Ecosystem Graphs, {locator}")),
            catalogue,
        );
        g
    }

    /// The asset's class and, for a new asset its label, for a known one its name as an
    /// alias when the graph does not give it yet.
    fn asset(&mut self, import: &Import<'a>, asset: &Asset, x: &NamedNode, g: &NamedNode) {
        let class = match asset.kind {
            AssetKind::Model => "FoundationModel",
            AssetKind::Dataset => "Dataset",
            AssetKind::Application => "Application",
        };
        self.out.add(x, self.rdf_type.clone(), cat(class), g);
        if let Some(asset_label) = import.assets.new_label.get(asset.name.as_str()) {
            self.out.add(x, self.label.clone(), english(asset_label), g);
        } else if let Some(entity) = import.existing.index.by_iri(x.as_str())
            && !names_cover(&entity.names, &asset.name)
        {
            self.out
                .add(x, self.alt_label.clone(), english(&asset.name), g);
        }
    }

    /// That `org` (written `spelling`) develops the asset, with the organisation's own
    /// description when it is new, or the spelling as an alias.
    fn developer(
        &mut self,
        existing: &Existing,
        org: &Organisation,
        spelling: &str,
        x: &NamedNode,
        g: &NamedNode,
    ) {
        self.out.add(&org.iri, cat("develops"), x.clone(), g);
        match &org.new_label {
            Some(org_label) => {
                // Only new organisations get a type: the graph's own already have one.
                let class = if org.research_body {
                    "ResearchBody"
                } else {
                    "Organisation"
                };
                self.out.add(&org.iri, self.rdf_type.clone(), cat(class), g);
                self.out
                    .add(&org.iri, self.label.clone(), english(org_label), g);
                if org.alias && org_label.trim_end_matches(" (organisation)") != spelling {
                    self.out
                        .add(&org.iri, self.alt_label.clone(), english(spelling), g);
                }
            }
            None => {
                if let Some(entity) = existing.index.by_iri(org.iri.as_str())
                    && org.alias
                    && !names_cover(&entity.names, spelling)
                {
                    self.out
                        .add(&org.iri, self.alt_label.clone(), english(spelling), g);
                }
            }
        }
    }

    /// The asset's date, access level, licence, modality, size and URL, where given.
    fn properties(&mut self, asset: &Asset, x: &NamedNode, g: &NamedNode) {
        if let Some(date) = asset.created {
            self.out.add(x, cat("date"), date_literal(date), g);
        }
        if let Some(access) = asset.access {
            let level = match access {
                Access::Open => "OpenAccess",
                Access::Limited => "LimitedAccess",
                Access::Closed => "ClosedAccess",
            };
            self.out.add(x, cat("accessLevel"), cat(level), g);
        }
        for (property, value) in [
            ("licence", &asset.licence),
            ("modality", &asset.modality),
            ("size", &asset.size),
        ] {
            if let Some(value) = value {
                self.out
                    .add(x, cat(property), Literal::from(value.as_str()), g);
            }
        }
        if let Some(url) = &asset.url {
            self.out.add(
                x,
                cat("url"),
                Literal::new_typed_literal(url, node(&format!("{XSD}anyURI"))),
                g,
            );
        }
    }

    /// One dependency of the asset `x`: an edge to an asset of the data set or to an
    /// external asset; a dependency on itself is only reported.
    fn dependency(
        &mut self,
        import: &Import<'a>,
        asset: &'a Asset,
        dependency: &'a str,
        x: &NamedNode,
        g: &NamedNode,
    ) {
        let assets = import.assets;
        let target = match assets.named(dependency, &mut self.normalised) {
            Some(target_name) => {
                if target_name == asset.name {
                    self.self_dependency(asset);
                    return;
                }
                self.adjacency
                    .entry(assets.key(&asset.name))
                    .or_default()
                    .push(assets.key(target_name));
                match assets.iri.get(target_name) {
                    Some(iri) => iri.clone(),
                    None => return,
                }
            }
            None => self.external(import.existing, dependency, g),
        };
        if target == *x {
            self.self_dependency(asset);
            return;
        }
        self.edges
            .insert((x.as_str().to_owned(), target.as_str().to_owned()));
        self.out.add(x, cat("dependsOn"), target, g);
    }

    fn self_dependency(&mut self, asset: &Asset) {
        if !self.report.self_dependencies.contains(&asset.name) {
            self.report.self_dependencies.push(asset.name.clone());
        }
    }

    /// The external asset a dependency names, described in `g` when new to the graph.
    fn external(&mut self, existing: &Existing, dependency: &str, g: &NamedNode) -> NamedNode {
        let key = loose(dependency);
        let key = if key.is_empty() {
            dependency.to_owned()
        } else {
            key
        };
        let iris = &mut self.iris;
        let external = self
            .externals
            .entry(key)
            .or_insert_with(|| new_external(existing, iris, dependency));
        external.mentions += 1;
        let written = external.label.trim_end_matches(" (external asset)");
        if external.linked.is_none() {
            let out = &mut self.out;
            out.add(
                &external.iri,
                self.rdf_type.clone(),
                cat("ExternalAsset"),
                g,
            );
            out.add(
                &external.iri,
                self.label.clone(),
                english(&external.label),
                g,
            );
            if written != dependency && external.label == written {
                out.add(
                    &external.iri,
                    self.alt_label.clone(),
                    english(dependency),
                    g,
                );
            }
        }
        external.iri.clone()
    }

    /// The quads and the report, with what was gathered across records.
    fn finish(self) -> (Vec<Quad>, Report) {
        let mut report = self.report;
        report.dependency_edges = self.edges.len();
        report.dependencies_normalised = self.normalised.into_iter().collect();
        report.unresolved_dependencies = self
            .externals
            .into_values()
            .map(|e| Unresolved {
                name: e.label,
                mentions: e.mentions,
                linked_to: e.linked,
            })
            .collect();
        report.unresolved_dependencies.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.name.cmp(&b.name))
        });
        report.assets_on_cycles = on_cycles(&self.adjacency);
        (self.out.quads, report)
    }
}

/// A dependency target met for the first time: an actor of the graph with that name, else
/// a fresh external asset.
fn new_external(existing: &Existing, iris: &mut Iris<'_>, dependency: &str) -> External {
    let actors: HashSet<String> = existing
        .products
        .union(&existing.organisations)
        .cloned()
        .collect();
    let found = existing
        .unique(dependency, &actors)
        .or_else(|| existing.unique(&format!("{dependency} (external asset)"), &actors));
    match found {
        Some(iri) => External {
            linked: existing.index.by_iri(iri.as_str()).map(|e| e.label.clone()),
            iri,
            label: dependency.to_owned(),
            mentions: 0,
        },
        None => External {
            iri: iris.fresh(dependency),
            label: if existing.index.lookup(dependency).is_empty() {
                dependency.to_owned()
            } else {
                format!("{dependency} (external asset)")
            },
            linked: None,
            mentions: 0,
        },
    }
}

/// The catalogue entry of the data set itself.
fn describe_document(out: &mut Quads, document: &NamedNode, catalogue: &NamedNode) {
    let rdf_type = node(&format!("{RDF}type"));
    out.add(document, rdf_type, cat("SourceDocument"), catalogue);
    out.add(
        document,
        node(&format!("{RDFS}label")),
        english("Stanford CRFM Ecosystem Graphs (asset files)"),
        catalogue,
    );
    out.add(
        document,
        node(&format!("{DCTERMS}creator")),
        Literal::from("Stanford Center for Research on Foundation Models (CRFM)"),
        catalogue,
    );
    out.add(
        document,
        node(&format!("{DCTERMS}bibliographicCitation")),
        Literal::from(
            "Bommasani et al., Ecosystem Graphs: The Social Footprint of Foundation Models, 2023, arXiv:2303.15772",
        ),
        catalogue,
    );
    out.add(
        document,
        cat("url"),
        Literal::new_typed_literal(
            "https://crfm.stanford.edu/ecosystem-graphs/",
            node(&format!("{XSD}anyURI")),
        ),
        catalogue,
    );
    out.add(
        document,
        cat("note"),
        english("Hand-curated records of foundation models, datasets and applications, one record per asset; imported with catena import ecosystem-graphs."),
        catalogue,
    );
}

/// Maps every organisation spelling of the records to an organisation: one the graph
/// already has, or a new one shared by all spellings with a key in common.
fn resolve_organisations(
    records: &[(&AssetFile, &Asset)],
    assets: &BTreeMap<&str, Vec<(&AssetFile, &Asset)>>,
    existing: &Existing,
    iris: &mut Iris<'_>,
    report: &mut Report,
) -> HashMap<String, Organisation> {
    let spellings = spelling_counts(records);
    report.organisation_spellings = spellings.len();
    let taken_names = names_taken(records, assets);
    let known = KnownOrganisations::of(existing);

    let mut result: HashMap<String, Organisation> = HashMap::new();
    let mut linked: BTreeSet<String> = BTreeSet::new();
    let mut fresh: Vec<&str> = Vec::new();
    for spelling in spellings.keys() {
        match known.find(existing, spelling) {
            Some(iri) => {
                if let Some(entity) = existing.index.by_iri(iri.as_str()) {
                    linked.insert(entity.label.clone());
                    if entity.label != *spelling
                        && !entity
                            .names
                            .iter()
                            .any(|n| n.eq_ignore_ascii_case(spelling))
                    {
                        report
                            .organisation_variants
                            .push((spelling.clone(), entity.label.clone()));
                    }
                }
                result.insert(
                    spelling.clone(),
                    Organisation {
                        iri,
                        new_label: None,
                        research_body: false,
                        alias: !taken_names.contains(&loose(spelling)),
                    },
                );
            }
            None => fresh.push(spelling),
        }
    }

    let mut count = linked.len();
    for members in grouped_by_key(&fresh) {
        // The most used spelling names the organisation (ties: the first in order).
        let Some(best) = members
            .iter()
            .max_by(|a, b| {
                spellings
                    .get(**a)
                    .cmp(&spellings.get(**b))
                    .then_with(|| b.cmp(a))
            })
            .copied()
        else {
            continue;
        };
        add_new_organisation(
            &members,
            best,
            &taken_names,
            existing,
            iris,
            report,
            &mut result,
        );
        count += 1;
    }
    report.organisations = count;
    report.organisations_linked = linked.into_iter().collect();
    report.organisation_variants.sort();
    result
}

/// How many records write each organisation spelling.
fn spelling_counts(records: &[(&AssetFile, &Asset)]) -> BTreeMap<String, usize> {
    let mut spellings: BTreeMap<String, usize> = BTreeMap::new();
    for (_, asset) in records {
        for spelling in asset
            .organisation
            .as_deref()
            .map(organisations::split)
            .unwrap_or_default()
        {
            *spellings.entry(spelling).or_default() += 1;
        }
    }
    spellings
}

/// Names the import gives to assets and dependencies (loose keys): an organisation named
/// the same ("ChatGLM", "LAION") gets a distinct label.
fn names_taken(
    records: &[(&AssetFile, &Asset)],
    assets: &BTreeMap<&str, Vec<(&AssetFile, &Asset)>>,
) -> HashSet<String> {
    assets
        .keys()
        .map(|n| loose(n))
        .chain(
            records
                .iter()
                .flat_map(|(_, a)| a.dependencies.iter().map(|d| loose(d))),
        )
        .collect()
}

/// The graph's organisations by the keys of their names; a key shared by two of them is
/// `None`, since it is no use.
struct KnownOrganisations {
    full: HashMap<String, Option<NamedNode>>,
    short: HashMap<String, Option<NamedNode>>,
}

impl KnownOrganisations {
    fn of(existing: &Existing) -> Self {
        let mut known = Self {
            full: HashMap::new(),
            short: HashMap::new(),
        };
        for entity in &existing.index.entities {
            if !existing.organisations.contains(entity.iri.as_str()) {
                continue;
            }
            for name in &entity.names {
                let (full, short) = organisations::keys(name);
                for (map, key) in [(&mut known.full, full), (&mut known.short, short)] {
                    if key.is_empty() {
                        continue;
                    }
                    map.entry(key)
                        .and_modify(|slot| {
                            if slot.as_ref() != Some(&entity.iri) {
                                *slot = None;
                            }
                        })
                        .or_insert_with(|| Some(entity.iri.clone()));
                }
            }
        }
        known
    }

    /// The graph's organisation a spelling names: by name, else by full key, else by
    /// short key.
    fn find(&self, existing: &Existing, spelling: &str) -> Option<NamedNode> {
        let (full, short) = organisations::keys(spelling);
        existing
            .unique(spelling, &existing.organisations)
            .or_else(|| self.full.get(&full).cloned().flatten())
            .or_else(|| self.short.get(&short).cloned().flatten())
    }
}

/// New organisations: spellings with a key in common are one (union-find), in the order of
/// their first spelling.
fn grouped_by_key<'a>(fresh: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut parent: Vec<usize> = (0..fresh.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first_with_key: HashMap<String, usize> = HashMap::new();
    for (i, spelling) in fresh.iter().enumerate() {
        let (full, short) = organisations::keys(spelling);
        for key in [format!("full:{full}"), format!("short:{short}")] {
            match first_with_key.get(&key) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    first_with_key.insert(key, i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (i, spelling) in fresh.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(spelling);
    }
    groups.into_values().collect()
}

/// One new organisation, named by its `best` spelling, for all its `members`.
fn add_new_organisation(
    members: &[&str],
    best: &str,
    taken_names: &HashSet<String>,
    existing: &Existing,
    iris: &mut Iris<'_>,
    report: &mut Report,
    result: &mut HashMap<String, Organisation>,
) {
    let mut org_label = best.to_owned();
    // An organisation named like an asset ("ChatGLM") gets a distinct label, so that
    // the asset's name stays unambiguous in questions.
    if taken_names.contains(&loose(best)) || !existing.index.lookup(best).is_empty() {
        org_label.push_str(" (organisation)");
    }
    let iri = iris.fresh(&org_label);
    for member in members {
        if *member != best {
            report
                .organisation_variants
                .push(((*member).to_owned(), org_label.clone()));
        }
        result.insert(
            (*member).to_owned(),
            Organisation {
                iri: iri.clone(),
                new_label: Some(org_label.clone()),
                research_body: organisations::is_research_body(best),
                alias: !taken_names.contains(&loose(member)),
            },
        );
    }
}

/// Assets that depend on themselves through others (strongly connected components of more
/// than one asset), sorted.
fn on_cycles(adjacency: &HashMap<&str, Vec<&str>>) -> Vec<String> {
    // Iterative Tarjan: the data set is small, but recursion depth should not depend on it.
    let mut nodes: Vec<&str> = adjacency
        .iter()
        .flat_map(|(k, vs)| std::iter::once(*k).chain(vs.iter().copied()))
        .collect();
    nodes.sort_unstable();
    nodes.dedup();
    let index_of: HashMap<&str, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<usize>> = nodes
        .iter()
        .map(|n| {
            adjacency
                .get(n)
                .into_iter()
                .flatten()
                .filter_map(|m| index_of.get(m).copied())
                .collect()
        })
        .collect();
    let count = nodes.len();
    let mut index = vec![usize::MAX; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut found: Vec<String> = Vec::new();
    for start in 0..count {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(start, 0)];
        index[start] = next;
        low[start] = next;
        next += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (v, ref mut child)) = work.last_mut() {
            if *child < edges[v].len() {
                let w = edges[v][*child];
                *child += 1;
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut component = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        component.push(w);
                        if w == v {
                            break;
                        }
                    }
                    if component.len() > 1 {
                        found.extend(component.into_iter().map(|i| nodes[i].to_owned()));
                    }
                }
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_iris() {
        assert_eq!(camel("The Pile"), "ThePile");
        assert_eq!(camel("GPT-4"), "GPT4");
        assert_eq!(camel("llama 2"), "Llama2");
        assert_eq!(camel("École"), "Cole");
        assert_eq!(camel("日本"), "Unnamed");
        assert_eq!(slug("GPT-4 Turbo"), "gpt-4-turbo");
        assert_eq!(slug("--"), "record");
    }

    #[test]
    fn finds_cycles_only_where_they_are() {
        let mut adjacency: HashMap<&str, Vec<&str>> = HashMap::new();
        adjacency.insert("a", vec!["b"]);
        adjacency.insert("b", vec!["c"]);
        adjacency.insert("c", vec!["a", "d"]);
        adjacency.insert("d", vec!["e"]);
        assert_eq!(on_cycles(&adjacency), vec!["a", "b", "c"]);
        adjacency.insert("c", vec!["d"]);
        assert!(on_cycles(&adjacency).is_empty());
    }
}
