//! A small typed SPARQL query builder: the queries the question language compiles to, as
//! values.
//!
//! Every term of a query is an IRI (a validated [`NamedNode`]), a variable (a validated
//! [`Var`]), an integer, a boolean or a string literal the code builds (printed escaped), so
//! no text can change a query's structure. [`Query`]'s `Display` prints the readable, prefixed
//! SPARQL that `explain` shows: a group is printed on one line ([`Group::inline`]) or one line
//! per [`Group::line`] ([`Group::block`]), as it was built.

use std::fmt::{self, Write as _};

use oxrdf::{Literal, NamedNode};

use crate::vocab::{self, RDF};

/// A variable, by a name that SPARQL accepts as is (ASCII letters, digits and `_`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var(String);

/// A variable name SPARQL would not accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidVar(pub String);

impl fmt::Display for InvalidVar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a SPARQL variable name", self.0)
    }
}

impl std::error::Error for InvalidVar {}

impl Var {
    /// A variable named `name`, if it is a valid name.
    pub fn new(name: impl Into<String>) -> Result<Self, InvalidVar> {
        let name = name.into();
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if valid {
            Ok(Self(name))
        } else {
            Err(InvalidVar(name))
        }
    }

    /// A variable whose name is a constant of the code.
    ///
    /// # Panics
    /// When `name` is not a valid name: a mistake in the code, caught by any test of it.
    pub fn fixed(name: &'static str) -> Self {
        match Self::new(name) {
            Ok(var) => var,
            Err(error) => panic!("{error}"),
        }
    }

    /// A variable named after words (a column header, a property's local name): spaces
    /// become `_`, other characters no name may hold are left out, and `fallback` stands in
    /// when nothing is left.
    pub fn from_words(words: &str, fallback: &'static str) -> Self {
        let name: String = words
            .chars()
            .map(|c| if c == ' ' { '_' } else { c })
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        Self::new(name).unwrap_or_else(|_| Self::fixed(fallback))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The variable of the same name with `n` after it (`?type` → `?type1`), for a pattern
    /// nested in another that uses the name.
    pub fn numbered(&self, n: usize) -> Self {
        Self(format!("{}{n}", self.0))
    }

    /// The variable an entity's label is bound to beside it (`?x` → `?x_label`): the one
    /// place the label companion's name is made.
    pub fn label(&self) -> Self {
        Self(format!("{}_label", self.0))
    }
}

impl fmt::Display for Var {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "?{}", self.0)
    }
}

/// A term of a pattern or an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Var(Var),
    /// An IRI, written as a prefixed name when one is safe (`ent:NVIDIA`), else `<iri>`.
    Iri(NamedNode),
    /// An IRI written whole, `<iri>`.
    FullIri(NamedNode),
    /// The namespace IRI of a predefined prefix, written `ent:`.
    Namespace(&'static str),
    Integer(i64),
    Boolean(bool),
    /// A simple string literal, written quoted and escaped.
    Str(Literal),
}

impl Term {
    /// A simple string literal.
    pub fn string(text: &str) -> Self {
        Self::Str(Literal::new_simple_literal(text))
    }

    /// The namespace of the predefined prefix `prefix`.
    ///
    /// # Panics
    /// When `prefix` is not one of [`vocab::PREFIXES`]: a mistake in the code.
    pub fn namespace(prefix: &'static str) -> Self {
        assert!(
            vocab::PREFIXES.iter().any(|(p, _)| *p == prefix),
            "{prefix} is not a predefined prefix"
        );
        Self::Namespace(prefix)
    }
}

impl From<Var> for Term {
    fn from(var: Var) -> Self {
        Self::Var(var)
    }
}

impl From<&Var> for Term {
    fn from(var: &Var) -> Self {
        Self::Var(var.clone())
    }
}

impl From<NamedNode> for Term {
    fn from(node: NamedNode) -> Self {
        Self::Iri(node)
    }
}

impl From<&NamedNode> for Term {
    fn from(node: &NamedNode) -> Self {
        Self::Iri(node.clone())
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Var(var) => var.fmt(f),
            Self::Iri(node) => f.write_str(&vocab::compact(node.as_str())),
            Self::FullIri(node) => node.fmt(f),
            Self::Namespace(prefix) => write!(f, "{prefix}:"),
            Self::Integer(n) => n.fmt(f),
            Self::Boolean(b) => b.fmt(f),
            Self::Str(literal) => literal.fmt(f),
        }
    }
}

/// A property path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Path {
    /// One property; `rdf:type` is written `a`.
    Iri(NamedNode),
    /// `^p`
    Inverse(Box<Path>),
    /// `p1/p2/…`
    Sequence(Vec<Path>),
    /// `(p1|p2|…)`, always in parentheses, even with one member.
    Alternative(Vec<Path>),
    /// `p*`
    ZeroOrMore(Box<Path>),
    /// `p+`
    OneOrMore(Box<Path>),
}

impl Path {
    pub fn zero_or_more(self) -> Self {
        Self::ZeroOrMore(Box::new(self))
    }

    pub fn one_or_more(self) -> Self {
        Self::OneOrMore(Box::new(self))
    }

    pub fn inverse(self) -> Self {
        Self::Inverse(Box::new(self))
    }

    /// This path, then `next`.
    pub fn then(self, next: Path) -> Self {
        match self {
            Self::Sequence(mut steps) => {
                steps.push(next);
                Self::Sequence(steps)
            }
            first => Self::Sequence(vec![first, next]),
        }
    }

    /// Whether the path prints as one unit a modifier (`*`, `+`, `^`) may follow.
    fn is_primary(&self) -> bool {
        matches!(self, Self::Iri(_) | Self::Alternative(_))
    }

    fn fmt_primary(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_primary() {
            fmt::Display::fmt(self, f)
        } else {
            write!(f, "({self})")
        }
    }
}

impl From<NamedNode> for Path {
    fn from(node: NamedNode) -> Self {
        Self::Iri(node)
    }
}

impl From<&NamedNode> for Path {
    fn from(node: &NamedNode) -> Self {
        Self::Iri(node.clone())
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Iri(node) if node.as_str() == format!("{RDF}type") => f.write_str("a"),
            Self::Iri(node) => f.write_str(&vocab::compact(node.as_str())),
            Self::Inverse(path) => {
                f.write_str("^")?;
                path.fmt_primary(f)
            }
            Self::Sequence(steps) => {
                for (i, step) in steps.iter().enumerate() {
                    if i > 0 {
                        f.write_str("/")?;
                    }
                    match step {
                        Self::Sequence(_) => write!(f, "({step})")?,
                        _ => step.fmt(f)?,
                    }
                }
                Ok(())
            }
            Self::Alternative(members) => {
                f.write_str("(")?;
                for (i, member) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str("|")?;
                    }
                    member.fmt(f)?;
                }
                f.write_str(")")
            }
            Self::ZeroOrMore(path) => {
                path.fmt_primary(f)?;
                f.write_str("*")
            }
            Self::OneOrMore(path) => {
                path.fmt_primary(f)?;
                f.write_str("+")
            }
        }
    }
}

/// The predicate of a triple pattern: a path or a variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verb {
    Path(Path),
    Var(Var),
}

impl From<Path> for Verb {
    fn from(path: Path) -> Self {
        Self::Path(path)
    }
}

impl From<NamedNode> for Verb {
    fn from(node: NamedNode) -> Self {
        Self::Path(Path::Iri(node))
    }
}

impl From<&NamedNode> for Verb {
    fn from(node: &NamedNode) -> Self {
        Self::Path(Path::Iri(node.clone()))
    }
}

impl From<Var> for Verb {
    fn from(var: Var) -> Self {
        Self::Var(var)
    }
}

impl From<&Var> for Verb {
    fn from(var: &Var) -> Self {
        Self::Var(var.clone())
    }
}

impl fmt::Display for Verb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Path(path) => path.fmt(f),
            Self::Var(var) => var.fmt(f),
        }
    }
}

/// Triple patterns of one subject: `s p1 o1 ; p2 o2`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triples {
    pub subject: Term,
    pub pairs: Vec<(Verb, Term)>,
}

impl Triples {
    pub fn new(subject: impl Into<Term>, verb: impl Into<Verb>, object: impl Into<Term>) -> Self {
        Self {
            subject: subject.into(),
            pairs: vec![(verb.into(), object.into())],
        }
    }

    /// Another predicate and object of the same subject (`; p o`).
    pub fn and(mut self, verb: impl Into<Verb>, object: impl Into<Term>) -> Self {
        self.pairs.push((verb.into(), object.into()));
        self
    }
}

impl fmt::Display for Triples {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.subject.fmt(f)?;
        for (i, (verb, object)) in self.pairs.iter().enumerate() {
            f.write_str(if i == 0 { " " } else { " ; " })?;
            write!(f, "{verb} {object}")?;
        }
        Ok(())
    }
}

/// An element of a group graph pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// Triple patterns of one or more subjects, written `a p o . b q r`.
    Triples(Vec<Triples>),
    Optional(Group),
    /// `{ … } UNION { … }`.
    Union(Vec<Group>),
    /// `GRAPH ?g { … }` or `GRAPH <iri> { … }`.
    Graph(GraphName, Group),
    Values(Var, Vec<Term>),
    Filter(Expr),
    Bind(Expr, Var),
    SubSelect(Box<Select>),
    /// A nested group, `{ … }`.
    Group(Group),
    /// A comment line of the code's own text, `# …`; it stands alone on its line.
    Comment(&'static str),
}

impl Pattern {
    /// One triple pattern.
    pub fn triple(
        subject: impl Into<Term>,
        verb: impl Into<Verb>,
        object: impl Into<Term>,
    ) -> Self {
        Self::Triples(vec![Triples::new(subject, verb, object)])
    }
}

impl From<Triples> for Pattern {
    fn from(triples: Triples) -> Self {
        Self::Triples(vec![triples])
    }
}

/// The graph of a `GRAPH` pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphName {
    Var(Var),
    Iri(NamedNode),
}

impl fmt::Display for GraphName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Var(var) => var.fmt(f),
            Self::Iri(node) => f.write_str(&vocab::compact(node.as_str())),
        }
    }
}

/// How a group is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `{ a . b }` on one line.
    Inline,
    /// `{`, each line indented on its own, `}`.
    Block,
}

/// A group graph pattern: lines of patterns (an inline group has one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    layout: Layout,
    lines: Vec<Vec<Pattern>>,
}

impl Group {
    /// A group written on one line.
    pub fn inline(patterns: Vec<Pattern>) -> Self {
        Self {
            layout: Layout::Inline,
            lines: vec![patterns],
        }
    }

    /// An empty group written one line per pattern line.
    pub fn block() -> Self {
        Self {
            layout: Layout::Block,
            lines: Vec::new(),
        }
    }

    /// Adds a line of one pattern.
    pub fn line(&mut self, pattern: impl Into<Pattern>) -> &mut Self {
        self.line_of(vec![pattern.into()])
    }

    /// Adds a line of several patterns (an inline group adds them to its one line).
    pub fn line_of(&mut self, patterns: Vec<Pattern>) -> &mut Self {
        match self.layout {
            Layout::Inline => match self.lines.last_mut() {
                Some(line) => line.extend(patterns),
                None => self.lines.push(patterns),
            },
            Layout::Block => self.lines.push(patterns),
        }
        self
    }

    /// Adds the lines of `other` (a block) after this group's lines.
    pub fn extend(&mut self, other: Group) -> &mut Self {
        for line in other.lines {
            self.line_of(line);
        }
        self
    }

    /// Puts a line of patterns before every other line.
    pub fn prepend(&mut self, patterns: Vec<Pattern>) -> &mut Self {
        match self.layout {
            Layout::Inline => match self.lines.first_mut() {
                Some(line) => {
                    line.splice(0..0, patterns);
                }
                None => self.lines.push(patterns),
            },
            Layout::Block => self.lines.insert(0, patterns),
        }
        self
    }

    /// Wraps a pattern in a group of its own, `{ … }` or a block.
    pub fn of(layout: Layout, patterns: Vec<Vec<Pattern>>) -> Self {
        match layout {
            Layout::Inline => Self::inline(patterns.into_iter().flatten().collect()),
            Layout::Block => Self {
                layout,
                lines: patterns,
            },
        }
    }

    pub fn layout(&self) -> Layout {
        self.layout
    }

    fn write(&self, out: &mut String, indent: usize) {
        match self.layout {
            Layout::Inline => {
                out.push_str("{ ");
                for line in &self.lines {
                    write_run(out, line, false, indent);
                }
                out.push_str(" }");
            }
            Layout::Block => {
                out.push_str("{\n");
                for line in &self.lines {
                    out.push_str(&" ".repeat(indent + 2));
                    write_run(out, line, true, indent + 2);
                    out.push('\n');
                }
                out.push_str(&" ".repeat(indent));
                out.push('}');
            }
        }
    }
}

/// Patterns on one line, separated by spaces. Triples end with ` .` before anything but a
/// filter, and at the end of a line of a block.
fn write_run(out: &mut String, patterns: &[Pattern], block: bool, indent: usize) {
    for (i, pattern) in patterns.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_pattern(out, pattern, indent);
        if let Pattern::Triples(_) = pattern {
            let dot = match patterns.get(i + 1) {
                Some(Pattern::Filter(_)) => false,
                Some(_) => true,
                None => block,
            };
            if dot {
                out.push_str(" .");
            }
        }
    }
}

fn write_pattern(out: &mut String, pattern: &Pattern, indent: usize) {
    match pattern {
        Pattern::Triples(triples) => {
            for (i, same_subject) in triples.iter().enumerate() {
                if i > 0 {
                    out.push_str(" . ");
                }
                write!(out, "{same_subject}").expect("writing to a String");
            }
        }
        Pattern::Optional(group) => {
            out.push_str("OPTIONAL ");
            group.write(out, indent);
        }
        Pattern::Union(members) => {
            // Inline members stand on lines of their own, `UNION` between them.
            let separator = match members.first().map(Group::layout) {
                Some(Layout::Inline) => format!("\n{0}UNION\n{0}", " ".repeat(indent)),
                _ => " UNION ".to_owned(),
            };
            for (i, member) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(&separator);
                }
                member.write(out, indent);
            }
        }
        Pattern::Graph(name, group) => {
            write!(out, "GRAPH {name} ").expect("writing to a String");
            group.write(out, indent);
        }
        Pattern::Values(var, terms) => {
            write!(out, "VALUES {var} {{").expect("writing to a String");
            for term in terms {
                write!(out, " {term}").expect("writing to a String");
            }
            out.push_str(" }");
        }
        Pattern::Filter(expr @ (Expr::Exists(_) | Expr::NotExists(_))) => {
            out.push_str("FILTER ");
            expr.write(out, indent);
        }
        Pattern::Filter(expr) => {
            out.push_str("FILTER (");
            expr.write(out, indent);
            out.push(')');
        }
        Pattern::Bind(expr, var) => {
            out.push_str("BIND (");
            expr.write(out, indent);
            write!(out, " AS {var})").expect("writing to a String");
        }
        Pattern::SubSelect(select) => select.write(out, indent),
        Pattern::Group(group) => group.write(out, indent),
        Pattern::Comment(text) => {
            out.push_str("# ");
            out.push_str(text);
        }
    }
}

/// A built-in function of expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Str,
    Lang,
    LangMatches,
    Bound,
    IsIri,
    IsLiteral,
    StrStarts,
    Substr,
    Concat,
    Coalesce,
    If,
    LCase,
    Datatype,
}

impl Function {
    fn name(self) -> &'static str {
        match self {
            Self::Str => "STR",
            Self::Lang => "LANG",
            Self::LangMatches => "LANGMATCHES",
            Self::Bound => "BOUND",
            Self::IsIri => "isIRI",
            Self::IsLiteral => "isLITERAL",
            Self::StrStarts => "STRSTARTS",
            Self::Substr => "SUBSTR",
            Self::Concat => "CONCAT",
            Self::Coalesce => "COALESCE",
            Self::If => "IF",
            Self::LCase => "LCASE",
            Self::Datatype => "DATATYPE",
        }
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

impl Comparison {
    fn symbol(self) -> &'static str {
        match self {
            Self::Equal => "=",
            Self::NotEqual => "!=",
            Self::Less => "<",
            Self::LessOrEqual => "<=",
            Self::Greater => ">",
            Self::GreaterOrEqual => ">=",
        }
    }
}

/// An expression of a FILTER, a BIND, a projection or an ORDER BY key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Term(Term),
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Compare(Box<Expr>, Comparison, Box<Expr>),
    Not(Box<Expr>),
    Call(Function, Vec<Expr>),
    /// A cast to a datatype, `xsd:integer(…)`.
    Cast(NamedNode, Box<Expr>),
    Exists(Group),
    NotExists(Group),
    /// `COUNT(…)`, `COUNT(DISTINCT …)`.
    Count {
        distinct: bool,
        expr: Box<Expr>,
    },
    Max(Box<Expr>),
}

impl Expr {
    pub fn var(var: &Var) -> Self {
        Self::Term(Term::Var(var.clone()))
    }

    pub fn call(function: Function, args: Vec<Expr>) -> Self {
        Self::Call(function, args)
    }

    /// `f(?var)`, the common one-argument call.
    pub fn call_var(function: Function, var: &Var) -> Self {
        Self::Call(function, vec![Self::var(var)])
    }

    pub fn compare(left: Expr, op: Comparison, right: Expr) -> Self {
        Self::Compare(Box::new(left), op, Box::new(right))
    }

    pub fn negate(expr: Expr) -> Self {
        Self::Not(Box::new(expr))
    }

    /// How tightly the expression binds, for parentheses: a child that binds less tightly
    /// than its parent needs them.
    fn precedence(&self) -> u8 {
        match self {
            Self::Or(_) => 1,
            Self::And(_) => 2,
            Self::Compare(..) => 3,
            Self::Not(_) => 4,
            _ => 5,
        }
    }

    fn write_child(&self, out: &mut String, indent: usize, least: u8) {
        if self.precedence() < least {
            out.push('(');
            self.write(out, indent);
            out.push(')');
        } else {
            self.write(out, indent);
        }
    }

    fn write(&self, out: &mut String, indent: usize) {
        let joined = |out: &mut String, members: &[Expr], separator: &str, least: u8| {
            for (i, member) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(separator);
                }
                member.write_child(out, indent, least);
            }
        };
        match self {
            Self::Term(term) => write!(out, "{term}").expect("writing to a String"),
            Self::Or(members) => joined(out, members, " || ", 2),
            Self::And(members) => joined(out, members, " && ", 3),
            Self::Compare(left, op, right) => {
                left.write_child(out, indent, 4);
                write!(out, " {} ", op.symbol()).expect("writing to a String");
                right.write_child(out, indent, 4);
            }
            Self::Not(expr) => {
                out.push('!');
                expr.write_child(out, indent, 5);
            }
            Self::Call(function, args) => {
                out.push_str(function.name());
                out.push('(');
                joined(out, args, ", ", 0);
                out.push(')');
            }
            Self::Cast(datatype, expr) => {
                out.push_str(&vocab::compact(datatype.as_str()));
                out.push('(');
                expr.write(out, indent);
                out.push(')');
            }
            Self::Exists(group) => {
                out.push_str("EXISTS ");
                group.write(out, indent);
            }
            Self::NotExists(group) => {
                out.push_str("NOT EXISTS ");
                group.write(out, indent);
            }
            Self::Count { distinct, expr } => {
                out.push_str(if *distinct {
                    "COUNT(DISTINCT "
                } else {
                    "COUNT("
                });
                expr.write(out, indent);
                out.push(')');
            }
            Self::Max(expr) => {
                out.push_str("MAX(");
                expr.write(out, indent);
                out.push(')');
            }
        }
    }

    /// Whether the expression mentions `var` (outside nested groups).
    pub fn mentions(&self, var: &Var) -> bool {
        match self {
            Self::Term(Term::Var(v)) => v == var,
            Self::Term(_) | Self::Exists(_) | Self::NotExists(_) => false,
            Self::Or(members) | Self::And(members) | Self::Call(_, members) => {
                members.iter().any(|m| m.mentions(var))
            }
            Self::Compare(left, _, right) => left.mentions(var) || right.mentions(var),
            Self::Not(expr) | Self::Cast(_, expr) | Self::Max(expr) => expr.mentions(var),
            Self::Count { expr, .. } => expr.mentions(var),
        }
    }
}

impl From<Term> for Expr {
    fn from(term: Term) -> Self {
        Self::Term(term)
    }
}

impl From<&Var> for Expr {
    fn from(var: &Var) -> Self {
        Self::var(var)
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write(&mut out, 0);
        f.write_str(&out)
    }
}

/// A key of ORDER BY.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderKey {
    Asc(Expr),
    Desc(Expr),
}

impl OrderKey {
    pub fn var(var: &Var) -> Self {
        Self::Asc(Expr::var(var))
    }

    pub fn mentions(&self, var: &Var) -> bool {
        match self {
            Self::Asc(expr) | Self::Desc(expr) => expr.mentions(var),
        }
    }
}

impl fmt::Display for OrderKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Asc(expr @ (Expr::Term(_) | Expr::Call(..) | Expr::Cast(..))) => expr.fmt(f),
            Self::Asc(expr) => write!(f, "({expr})"),
            Self::Desc(expr) => write!(f, "DESC({expr})"),
        }
    }
}

/// A projected variable or expression of a SELECT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Projection {
    Var(Var),
    /// `(expr AS ?var)`.
    Expr(Expr, Var),
}

impl fmt::Display for Projection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Var(var) => var.fmt(f),
            Self::Expr(expr, var) => write!(f, "({expr} AS {var})"),
        }
    }
}

/// A SELECT query or subquery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Select {
    pub distinct: bool,
    pub projection: Vec<Projection>,
    pub pattern: Group,
    pub group_by: Vec<Var>,
    pub order_by: Vec<OrderKey>,
    pub limit: Option<u32>,
}

impl Select {
    /// `SELECT DISTINCT vars WHERE pattern`, with no other clause yet.
    pub fn distinct(vars: &[Var], pattern: Group) -> Self {
        Self {
            distinct: true,
            projection: vars.iter().cloned().map(Projection::Var).collect(),
            pattern,
            group_by: Vec::new(),
            order_by: Vec::new(),
            limit: None,
        }
    }

    fn write(&self, out: &mut String, indent: usize) {
        out.push_str("SELECT");
        if self.distinct {
            out.push_str(" DISTINCT");
        }
        for projection in &self.projection {
            write!(out, " {projection}").expect("writing to a String");
        }
        out.push_str(" WHERE ");
        self.pattern.write(out, indent);
        let margin = " ".repeat(indent);
        if !self.group_by.is_empty() {
            write!(out, "\n{margin}GROUP BY").expect("writing to a String");
            for var in &self.group_by {
                write!(out, " {var}").expect("writing to a String");
            }
        }
        if !self.order_by.is_empty() {
            write!(out, "\n{margin}ORDER BY").expect("writing to a String");
            for key in &self.order_by {
                write!(out, " {key}").expect("writing to a String");
            }
        }
        if let Some(limit) = self.limit {
            write!(out, "\n{margin}LIMIT {limit}").expect("writing to a String");
        }
    }
}

/// A whole query: the PREFIX prologue and a SELECT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The predefined prefixes declared, in order.
    pub prefixes: &'static [&'static str],
    pub select: Select,
}

impl Query {
    /// Prefixes of every translation, so that `explain` prints a query any SPARQL tool
    /// accepts.
    pub const PREFIXES: &'static [&'static str] = &["cat", "ent", "src", "rdf", "rdfs", "xsd"];

    pub fn new(select: Select) -> Self {
        Self {
            prefixes: Self::PREFIXES,
            select,
        }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = vocab::prologue(Some(self.prefixes));
        self.select.write(&mut out, 0);
        out.push('\n');
        f.write_str(&out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{ENT, RDFS, cat};

    fn node(iri: String) -> NamedNode {
        NamedNode::new(iri).expect("a valid IRI")
    }

    #[test]
    fn variables_accept_only_plain_names() {
        assert!(Var::new("based_in").is_ok());
        assert!(Var::new("x1").is_ok());
        for bad in ["", "1x", "x y", "x}", "x) . ?y", "città", "?x"] {
            assert!(Var::new(bad).is_err(), "{bad:?}");
        }
        assert_eq!(Var::from_words("raised by", "v").as_str(), "raised_by");
        assert_eq!(Var::from_words("}é", "v").as_str(), "v");
        assert_eq!(Var::fixed("x").label().to_string(), "?x_label");
    }

    #[test]
    fn literals_cannot_break_out_of_their_quotes() {
        let text = "\" } DROP ALL ; SELECT * { \\";
        let printed = Term::string(text).to_string();
        assert!(printed.starts_with('"') && printed.ends_with('"'));
        let bind = Pattern::Bind(Term::string(text).into(), Var::fixed("v"));
        let mut group = Group::block();
        group.line(bind);
        let query = Query::new(Select::distinct(&[Var::fixed("v")], group)).to_string();
        let parsed = spargebra::SparqlParser::new()
            .parse_query(&query)
            .expect("parses");
        assert!(parsed.to_string().contains("DROP ALL"), "kept as text");
        // IRIs are validated: no `>` can end one early.
        assert!(NamedNode::new("http://example.org/a> } DROP ALL").is_err());
    }

    #[test]
    fn paths_print_with_the_parentheses_they_need() {
        let based = Path::from(node(cat("basedIn")));
        let located = Path::from(node(cat("locatedIn")));
        let nested = Path::Alternative(vec![based.clone(), located.clone()])
            .then(located.clone().zero_or_more());
        assert_eq!(
            nested.to_string(),
            "(cat:basedIn|cat:locatedIn)/cat:locatedIn*"
        );
        assert_eq!(
            Path::Alternative(vec![based.clone(), based.clone().inverse()]).to_string(),
            "(cat:basedIn|^cat:basedIn)"
        );
        assert_eq!(
            Path::Alternative(vec![based.clone()]).to_string(),
            "(cat:basedIn)"
        );
        assert_eq!(
            based
                .clone()
                .then(located.clone())
                .one_or_more()
                .to_string(),
            "(cat:basedIn/cat:locatedIn)+"
        );
        assert_eq!(Path::from(node(format!("{RDF}type"))).to_string(), "a");
    }

    #[test]
    fn expressions_get_parentheses_only_where_precedence_needs_them() {
        let x = Var::fixed("x");
        let bound = Expr::call_var(Function::Bound, &x);
        let or = Expr::Or(vec![Expr::negate(bound.clone()), bound.clone()]);
        assert_eq!(or.to_string(), "!BOUND(?x) || BOUND(?x)");
        let and = Expr::And(vec![or, bound.clone()]);
        assert_eq!(and.to_string(), "(!BOUND(?x) || BOUND(?x)) && BOUND(?x)");
        assert_eq!(
            Expr::negate(and).to_string(),
            "!((!BOUND(?x) || BOUND(?x)) && BOUND(?x))"
        );
        let year = Expr::Cast(
            node(format!("{}integer", vocab::XSD)),
            Box::new(Expr::call_var(Function::Str, &x)),
        );
        assert_eq!(
            Expr::compare(year, Comparison::GreaterOrEqual, Term::Integer(2023).into()).to_string(),
            "xsd:integer(STR(?x)) >= 2023"
        );
    }

    #[test]
    fn groups_print_inline_and_as_blocks_with_nesting() {
        let x = Var::fixed("x");
        let label = x.label();
        let labelled = Group::inline(vec![
            Pattern::triple(&x, node(format!("{RDFS}label")), &label),
            Pattern::Filter(Expr::call_var(Function::Bound, &label)),
        ]);
        let mut where_ = Group::block();
        where_
            .line(Pattern::Values(
                x.clone(),
                vec![Term::FullIri(node(format!("{ENT}A")))],
            ))
            .line(
                Triples::new(&x, node(cat("p")), Term::Boolean(true))
                    .and(node(format!("{RDF}type")), node(cat("C"))),
            )
            .line(Pattern::Optional(Group::inline(vec![
                Pattern::triple(&x, node(cat("q")), Var::fixed("y")),
                Pattern::Optional(labelled),
            ])));
        let mut inner = Group::block();
        inner.line(Pattern::triple(&x, Var::fixed("p"), Var::fixed("o")));
        let mut sub = Select::distinct(std::slice::from_ref(&x), inner);
        sub.order_by = vec![OrderKey::Desc(Expr::var(&x))];
        sub.limit = Some(3);
        let mut wrapper = Group::block();
        wrapper.line(Pattern::SubSelect(Box::new(sub)));
        where_.line(Pattern::Group(wrapper));
        let mut select = Select::distinct(&[x.clone(), label], where_);
        select.order_by = vec![OrderKey::var(&x)];
        assert_eq!(
            Query::new(select).to_string(),
            "PREFIX cat: <https://w3id.org/catena/ontology#>\n\
             PREFIX ent: <https://w3id.org/catena/entity/>\n\
             PREFIX src: <https://w3id.org/catena/source/>\n\
             PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n\
             PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
             PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n\
             SELECT DISTINCT ?x ?x_label WHERE {\n\
             \x20 VALUES ?x { <https://w3id.org/catena/entity/A> }\n\
             \x20 ?x cat:p true ; a cat:C .\n\
             \x20 OPTIONAL { ?x cat:q ?y . OPTIONAL { ?x rdfs:label ?x_label FILTER (BOUND(?x_label)) } }\n\
             \x20 {\n\
             \x20   SELECT DISTINCT ?x WHERE {\n\
             \x20     ?x ?p ?o .\n\
             \x20   }\n\
             \x20   ORDER BY DESC(?x)\n\
             \x20   LIMIT 3\n\
             \x20 }\n\
             }\n\
             ORDER BY ?x\n"
        );
    }

    #[test]
    fn unions_of_inline_groups_put_union_on_its_own_line() {
        let x = Var::fixed("x");
        let member = || Group::inline(vec![Pattern::triple(&x, node(cat("p")), node(cat("o")))]);
        let mut where_ = Group::block();
        where_.line(Pattern::Union(vec![member(), member()]));
        where_.line(Pattern::Filter(Expr::NotExists(Group::inline(vec![
            Pattern::Graph(GraphName::Var(Var::fixed("g")), member()),
        ]))));
        let mut out = String::new();
        where_.write(&mut out, 0);
        assert_eq!(
            out,
            "{\n  { ?x cat:p cat:o }\n  UNION\n  { ?x cat:p cat:o }\n  FILTER NOT EXISTS { GRAPH ?g { ?x cat:p cat:o } }\n}"
        );
        assert_eq!(Term::namespace("ent").to_string(), "ent:");
    }
}
