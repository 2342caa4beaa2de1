//! End-to-end checks of the provenance catalogue (`data/sources.trig`: the two documents and
//! every citable passage, with document, kind, locator and enclosing passage) and of the shared
//! entities (`data/entities.trig`: labels, aliases, and the headquarters / location / develops
//! facts with the passage that states them).

mod common;

use std::collections::{BTreeMap, BTreeSet};

const SRC: &str = "https://w3id.org/catena/source/";
const ENT: &str = "https://w3id.org/catena/entity/";

/// Every passage of the catalogue: (local name, document, locator kind, locator, enclosing passage).
const PASSAGES: &[(&str, &str, &str, &str, Option<&str>)] = &[
    // The reference layer: background facts of public record, not the documents.
    (
        "reference-headquarters",
        "reference",
        "reference",
        "headquarters",
        None,
    ),
    ("reference-places", "reference", "reference", "places", None),
    (
        "reference-demonyms",
        "reference",
        "reference",
        "demonyms",
        None,
    ),
    (
        "reference-parents",
        "reference",
        "reference",
        "parent companies",
        None,
    ),
    ("assetti-sec1", "assetti", "section", "§1", None),
    (
        "assetti-sec1.1",
        "assetti",
        "section",
        "§1.1",
        Some("assetti-sec1"),
    ),
    (
        "assetti-sec1.2",
        "assetti",
        "section",
        "§1.2",
        Some("assetti-sec1"),
    ),
    (
        "assetti-sec1.3",
        "assetti",
        "section",
        "§1.3",
        Some("assetti-sec1"),
    ),
    ("assetti-sec2", "assetti", "section", "§2", None),
    ("assetti-sec3", "assetti", "section", "§3", None),
    (
        "assetti-box4",
        "assetti",
        "box",
        "Box 4",
        Some("assetti-sec1.1"),
    ),
    (
        "assetti-box5",
        "assetti",
        "box",
        "Box 5",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-box6",
        "assetti",
        "box",
        "Box 6",
        Some("assetti-sec2"),
    ),
    (
        "assetti-box7",
        "assetti",
        "box",
        "Box 7",
        Some("assetti-sec2"),
    ),
    (
        "assetti-box4-na",
        "assetti",
        "note",
        "Box 4, note a",
        Some("assetti-box4"),
    ),
    (
        "assetti-box5-na",
        "assetti",
        "note",
        "Box 5, note a",
        Some("assetti-box5"),
    ),
    (
        "assetti-box5-nb",
        "assetti",
        "note",
        "Box 5, note b",
        Some("assetti-box5"),
    ),
    (
        "assetti-box5-nc",
        "assetti",
        "note",
        "Box 5, note c",
        Some("assetti-box5"),
    ),
    (
        "assetti-box5-nd",
        "assetti",
        "note",
        "Box 5, note d",
        Some("assetti-box5"),
    ),
    (
        "assetti-box6-na",
        "assetti",
        "note",
        "Box 6, note a",
        Some("assetti-box6"),
    ),
    (
        "assetti-box6-nb",
        "assetti",
        "note",
        "Box 6, note b",
        Some("assetti-box6"),
    ),
    (
        "assetti-box6-nc",
        "assetti",
        "note",
        "Box 6, note c",
        Some("assetti-box6"),
    ),
    (
        "assetti-fig1",
        "assetti",
        "figure",
        "Fig. 1",
        Some("assetti-sec1.1"),
    ),
    (
        "assetti-fig2",
        "assetti",
        "figure",
        "Fig. 2",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fig3",
        "assetti",
        "figure",
        "Fig. 3",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fig4",
        "assetti",
        "figure",
        "Fig. 4",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fig5",
        "assetti",
        "figure",
        "Fig. 5",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fig6",
        "assetti",
        "figure",
        "Fig. 6",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fig7",
        "assetti",
        "figure",
        "Fig. 7",
        Some("assetti-sec2"),
    ),
    (
        "assetti-fig8",
        "assetti",
        "figure",
        "Fig. 8",
        Some("assetti-sec2"),
    ),
    (
        "assetti-fig9",
        "assetti",
        "figure",
        "Fig. 9",
        Some("assetti-sec3"),
    ),
    (
        "assetti-fig10",
        "assetti",
        "figure",
        "Fig. 10",
        Some("assetti-sec3"),
    ),
    (
        "assetti-tab1",
        "assetti",
        "table",
        "Tab. 1",
        Some("assetti-sec3"),
    ),
    (
        "assetti-fn1",
        "assetti",
        "footnote",
        "fn. 1",
        Some("assetti-sec1.1"),
    ),
    (
        "assetti-fn2",
        "assetti",
        "footnote",
        "fn. 2",
        Some("assetti-sec1.1"),
    ),
    (
        "assetti-fn3",
        "assetti",
        "footnote",
        "fn. 3",
        Some("assetti-sec1.1"),
    ),
    (
        "assetti-fn4",
        "assetti",
        "footnote",
        "fn. 4",
        Some("assetti-sec1.1"),
    ),
    (
        "assetti-fn5",
        "assetti",
        "footnote",
        "fn. 5",
        Some("assetti-sec1.2"),
    ),
    (
        "assetti-fn6",
        "assetti",
        "footnote",
        "fn. 6",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fn7",
        "assetti",
        "footnote",
        "fn. 7",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fn8",
        "assetti",
        "footnote",
        "fn. 8",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fn9",
        "assetti",
        "footnote",
        "fn. 9",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fn10",
        "assetti",
        "footnote",
        "fn. 10",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fn11",
        "assetti",
        "footnote",
        "fn. 11",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fn12",
        "assetti",
        "footnote",
        "fn. 12",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fn13",
        "assetti",
        "footnote",
        "fn. 13",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fn14",
        "assetti",
        "footnote",
        "fn. 14",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fn15",
        "assetti",
        "footnote",
        "fn. 15",
        Some("assetti-sec1.3"),
    ),
    (
        "assetti-fn16",
        "assetti",
        "footnote",
        "fn. 16",
        Some("assetti-sec2"),
    ),
    (
        "assetti-fn17",
        "assetti",
        "footnote",
        "fn. 17",
        Some("assetti-sec2"),
    ),
    (
        "assetti-fn18",
        "assetti",
        "footnote",
        "fn. 18",
        Some("assetti-sec2"),
    ),
    (
        "assetti-fn19",
        "assetti",
        "footnote",
        "fn. 19",
        Some("assetti-sec3"),
    ),
    (
        "assetti-fn20",
        "assetti",
        "footnote",
        "fn. 20",
        Some("assetti-sec3"),
    ),
    (
        "assetti-fn21",
        "assetti",
        "footnote",
        "fn. 21",
        Some("assetti-sec3"),
    ),
    (
        "assetti-fn22",
        "assetti",
        "footnote",
        "fn. 22",
        Some("assetti-sec3"),
    ),
    (
        "assetti-fn23",
        "assetti",
        "footnote",
        "fn. 23",
        Some("assetti-sec3"),
    ),
    (
        "assetti-fn24",
        "assetti",
        "footnote",
        "fn. 24",
        Some("assetti-sec3"),
    ),
    ("apertura-p1", "apertura", "paragraph", "¶1", None),
    ("apertura-p2", "apertura", "paragraph", "¶2", None),
    ("apertura-p3", "apertura", "paragraph", "¶3", None),
    ("apertura-p4", "apertura", "paragraph", "¶4", None),
    ("apertura-p5", "apertura", "paragraph", "¶5", None),
    ("apertura-p6", "apertura", "paragraph", "¶6", None),
    ("apertura-p7", "apertura", "paragraph", "¶7", None),
    ("apertura-p8", "apertura", "paragraph", "¶8", None),
    ("apertura-p9", "apertura", "paragraph", "¶9", None),
    ("apertura-p10", "apertura", "paragraph", "¶10", None),
    ("apertura-p11", "apertura", "paragraph", "¶11", None),
    ("apertura-p12", "apertura", "paragraph", "¶12", None),
    ("apertura-p13", "apertura", "paragraph", "¶13", None),
];

/// Passages that give a reference URL: (local name, URL).
const CITED_URLS: &[(&str, &str)] = &[
    (
        "assetti-box4-na",
        "https://ital-ia.it/ualink-promoter-group/",
    ),
    ("assetti-box5-na", "https://arxiv.org/abs/2412.19437"),
    (
        "assetti-box5-nb",
        "https://economictimes.indiatimes.com/news/international/us/is-deepseek-lying-ceo-of-scale-ai-alexandr-wang-says-the-chinese-startup-is-using-50000-nvidia-h100-chips-butworkers-cant-talk-about-it/articleshow/117652897.cms",
    ),
    (
        "assetti-box5-nc",
        "https://finance.yahoo.com/news/nvidia-stock-plummets-loses-record-589-billion-asdeepseek-prompts-questions-over-ai-spending-135105824.html",
    ),
    (
        "assetti-box5-nd",
        "https://semianalysis.com/2025/01/31/deepseek-debates/",
    ),
    (
        "assetti-box6-na",
        "https://openai.com/index/microsoft-invests-in-and-partners-with-openai/",
    ),
    (
        "assetti-box6-nb",
        "https://openai.com/index/openai-and-microsoft-extend-partnership/",
    ),
    (
        "assetti-box6-nc",
        "https://blogs.microsoft.com/blog/2025/01/21/microsoft-and-openai-evolve-partnership-to-drive-the-next-phase-of-ai/",
    ),
    (
        "assetti-fn2",
        "https://www.oregonlive.com/silicon-forest/2025/07/intels-ceo-we-are-not-in-the-top-10-of-leading-chip-companies.html",
    ),
    (
        "assetti-fn3",
        "https://www.statista.com/statistics/1446564/nvidia-h100-gpu-shipments-by-customer/",
    ),
    (
        "assetti-fn4",
        "https://it.finance.yahoo.com/notizie/nvidia-e-le-altre-spingono-113049499.html",
    ),
    ("assetti-fn5", "https://arxiv.org/abs/2211.04325"),
    (
        "assetti-fn22",
        "https://www.generalcatalyst.com/stories/euaici",
    ),
    (
        "assetti-fn23",
        "https://ec.europa.eu/commission/presscorner/detail/en/ip25467",
    ),
    (
        "assetti-fn24",
        "https://digital-strategy.ec.europa.eu/en/policies/ai-factories",
    ),
];

/// Shared entities: (local name, passage whose graph declares it, English label, Italian label).
const ENTITIES: &[(&str, &str, &str, Option<&str>)] = &[
    ("NVIDIA", "assetti-sec1.1", "NVIDIA", None),
    ("TSMC", "assetti-sec1.1", "TSMC", None),
    ("Microsoft", "assetti-sec1.1", "Microsoft", None),
    ("Google", "assetti-sec1.1", "Google", None),
    ("Amazon", "assetti-sec1.1", "Amazon", None),
    ("Meta", "assetti-box4", "Meta", None),
    ("Apple", "assetti-sec2", "Apple", None),
    ("OpenAI", "assetti-sec1.3", "OpenAI", None),
    ("Anthropic", "assetti-sec1.3", "Anthropic", None),
    ("Intel", "assetti-sec1.1", "Intel", None),
    ("Oracle", "assetti-box6", "Oracle", None),
    ("SoftBank", "assetti-sec3", "SoftBank", None),
    ("MGX", "assetti-sec3", "MGX", None),
    ("Arm", "assetti-sec3", "Arm", None),
    ("DeepSeek", "assetti-box5", "DeepSeek", None),
    ("MistralAI", "assetti-sec1.3", "Mistral AI", None),
    ("StabilityAI", "assetti-sec1.3", "Stability AI", None),
    ("Alibaba", "assetti-sec1.3", "Alibaba", None),
    ("Huawei", "apertura-p4", "Huawei", None),
    ("Xiaomi", "apertura-p4", "Xiaomi", None),
    ("Baichuan", "assetti-sec3", "Baichuan", None),
    ("xAI", "assetti-sec3", "xAI", None),
    ("Almawave", "assetti-tab1", "Almawave", None),
    ("iGenius", "assetti-tab1", "iGenius", None),
    ("ASC27", "assetti-tab1", "ASC27", None),
    ("Engineering", "assetti-tab1", "Engineering", None),
    ("Neuronova", "assetti-sec1.1", "Neuronova", None),
    ("CoreWeave", "assetti-sec2", "CoreWeave", None),
    ("ScaleAI", "assetti-box5", "Scale AI", None),
    ("SemiAnalysis", "assetti-box5", "SemiAnalysis", None),
    ("Similarweb", "assetti-fn12", "Similarweb", None),
    ("Statista", "assetti-fn1", "Statista", None),
    ("Airbus", "assetti-sec3", "Airbus", None),
    ("Siemens", "assetti-sec3", "Siemens", None),
    ("ASML", "assetti-sec3", "ASML", None),
    ("Volkswagen", "assetti-sec3", "Volkswagen", None),
    ("FTC", "assetti-sec2", "Federal Trade Commission", None),
    (
        "CMA",
        "assetti-sec2",
        "Competition and Markets Authority",
        None,
    ),
    ("OECD", "assetti-sec2", "OECD", Some("OCSE")),
    (
        "EuropeanCommission",
        "assetti-sec3",
        "European Commission",
        Some("Commissione europea"),
    ),
    (
        "USSenateRepublicans",
        "apertura-p7",
        "US Republican senators",
        Some("senatori repubblicani statunitensi"),
    ),
    ("StanfordCRFM", "assetti-sec1.3", "Stanford CRFM", None),
    (
        "StanfordUniversity",
        "assetti-fn21",
        "Stanford University",
        None,
    ),
    (
        "ChineseUniversities",
        "apertura-p5",
        "Chinese universities",
        Some("università cinesi"),
    ),
    (
        "UALink",
        "assetti-box4",
        "Ultra Accelerator Link Promoter Group",
        None,
    ),
    (
        "UnitedStates",
        "assetti-sec1.1",
        "United States",
        Some("Stati Uniti"),
    ),
    ("China", "assetti-sec3", "China", Some("Cina")),
    (
        "EuropeanUnion",
        "assetti-sec3",
        "European Union",
        Some("Unione Europea"),
    ),
    ("Europe", "assetti-sec3", "Europe", Some("Europa")),
    (
        "EuropeAndUK",
        "assetti-sec3",
        "Europe and UK",
        Some("Europa e Regno Unito"),
    ),
    (
        "UnitedKingdom",
        "assetti-sec1.3",
        "United Kingdom",
        Some("Regno Unito"),
    ),
    ("France", "assetti-sec1.3", "France", Some("Francia")),
    ("Italy", "assetti-sec3", "Italy", Some("Italia")),
    ("Taiwan", "assetti-sec1.1", "Taiwan", None),
    ("Brazil", "apertura-p2", "Brazil", Some("Brasile")),
    ("India", "apertura-p2", "India", None),
    ("World", "assetti-sec1.3", "World", Some("Mondo")),
    ("Shanghai", "apertura-p3", "Shanghai", None),
    ("Paris", "assetti-sec3", "Paris", Some("Parigi")),
    ("Milan", "assetti-sec1.1", "Milan", Some("Milano")),
    ("DonaldTrump", "apertura-p2", "Donald Trump", None),
    ("XiJinping", "apertura-p3", "Xi Jinping", None),
    ("ElonMusk", "assetti-sec3", "Elon Musk", None),
    ("AlexandrWang", "assetti-box5", "Alexandr Wang", None),
    ("H100", "assetti-fn3", "NVIDIA H100", None),
    ("H800", "assetti-box5", "NVIDIA H800", None),
    ("Blackwell", "assetti-sec1.1", "NVIDIA Blackwell", None),
    ("TPU", "assetti-sec1.1", "Google TPU", None),
    ("Trainium", "assetti-sec1.1", "AWS Trainium", None),
    (
        "NeuronovaChip",
        "assetti-sec1.1",
        "Neuronova SNN chip",
        Some("chip SNN di Neuronova"),
    ),
    ("NVLink", "assetti-box4", "NVLink", None),
    (
        "UALinkStandard",
        "assetti-box4",
        "Ultra Accelerator Link standard",
        Some("standard Ultra Accelerator Link"),
    ),
    ("CUDA", "assetti-sec1.1", "CUDA", None),
    ("CoWoS", "assetti-sec1.1", "CoWoS", None),
    ("Azure", "assetti-sec2", "Microsoft Azure", None),
    ("GoogleCloud", "assetti-sec2", "Google Cloud", None),
    ("AWS", "assetti-sec1.1", "Amazon Web Services", None),
    ("CloudTPU", "assetti-sec1.1", "Cloud TPU", None),
    (
        "AzureOpenAIService",
        "assetti-box6",
        "Azure OpenAI Service",
        None,
    ),
    ("ChatGPT", "assetti-sec1.3", "ChatGPT", None),
    ("Gemini", "assetti-sec1.3", "Gemini", None),
    ("PaLM", "assetti-sec2", "PaLM", None),
    ("MetaAI", "assetti-sec1.3", "Meta AI", None),
    ("Claude", "assetti-sec1.3", "Claude", None),
    ("Copilot", "assetti-sec1.3", "Microsoft Copilot", None),
    ("Qwen25Max", "assetti-sec1.3", "Qwen2.5-Max", None),
    ("LeChat", "assetti-sec1.3", "Le Chat", None),
    ("DeepSeekChat", "assetti-sec1.3", "DeepSeek Chat", None),
    ("DeepSeekV3", "assetti-box5", "DeepSeek-V3", None),
    ("DeepSeekR1", "assetti-box5", "DeepSeek-R1", None),
    ("NVLM", "assetti-sec2", "NVLM", None),
    ("Llama3_70B", "assetti-sec1.2", "Llama 3 70B", None),
    ("Grok3", "assetti-sec3", "Grok 3", None),
    (
        "Colosseum355B",
        "assetti-tab1",
        "Colosseum 355B",
        Some("Colosseo 355B"),
    ),
    ("Velvet14B", "assetti-tab1", "Velvet 14B", None),
    ("Velvet2B", "assetti-tab1", "Velvet 2B", None),
    ("Vitruvian1", "assetti-tab1", "Vitruvian-1", None),
    ("EngGPT", "assetti-tab1", "EngGPT", None),
    ("MiDashengLM7B", "apertura-p4", "MiDashengLM-7B", None),
    ("CANN", "apertura-p4", "CANN", None),
    (
        "MindToolkits",
        "apertura-p4",
        "Huawei Mind toolkits",
        Some("toolkit Mind di Huawei"),
    ),
    ("Leonardo", "assetti-tab1", "Leonardo", None),
    ("Office", "assetti-sec2", "Microsoft Office", None),
    ("Teams", "assetti-sec2", "Microsoft Teams", None),
    ("Windows", "assetti-sec2", "Windows", None),
    ("Bing", "assetti-sec2", "Bing", None),
    ("Gmail", "assetti-sec2", "Gmail", None),
    ("GoogleDocs", "assetti-sec2", "Google Docs", None),
    (
        "SearchGenerativeExperience",
        "assetti-sec2",
        "Search Generative Experience",
        None,
    ),
    ("YouTube", "assetti-sec2", "YouTube", None),
    ("Facebook", "assetti-sec2", "Facebook", None),
    ("Instagram", "assetti-sec2", "Instagram", None),
    (
        "EcosystemGraphs",
        "assetti-sec1.3",
        "Ecosystem Graphs",
        None,
    ),
    (
        "AIGigafactories",
        "assetti-sec3",
        "EU AI gigafactories",
        Some("gigafactory europee dell'IA"),
    ),
    ("Stargate", "assetti-sec3", "Stargate", None),
    ("InvestAI", "assetti-sec3", "InvestAI", None),
    (
        "EUAIChampions",
        "assetti-sec3",
        "EU AI Champions Initiative",
        None,
    ),
    (
        "AmbitiousAgendaEuropeanAI",
        "assetti-sec3",
        "Ambitious Agenda for European AI",
        Some("Ambitious Agenda for European AI (agenda strategica)"),
    ),
    (
        "FranceAIPlan",
        "assetti-sec3",
        "France's national AI plan",
        Some("piano nazionale francese per l'IA"),
    ),
    (
        "GlobalSecurityInitiative",
        "apertura-p3",
        "Global Security Initiative",
        None,
    ),
    (
        "GlobalAIGovernanceInitiative",
        "apertura-p3",
        "Global AI Governance Initiative",
        None,
    ),
    (
        "OpenSourceAICooperationInitiative",
        "apertura-p3",
        "International Open Source AI Cooperation Initiative",
        None,
    ),
    (
        "GlobalAICooperationOrganization",
        "apertura-p9",
        "Global AI Cooperation Organization",
        None,
    ),
    (
        "AIInnovationGovernanceCentre",
        "apertura-p3",
        "Centre for Global AI Innovation Governance",
        Some("Centro per la Governance Globale dell'Innovazione nell'IA"),
    ),
    (
        "USChipExportControls",
        "assetti-box5",
        "US chip export restrictions",
        Some("restrizioni USA all'export di chip"),
    ),
    (
        "USTariffs",
        "apertura-p2",
        "US tariffs",
        Some("dazi statunitensi"),
    ),
    ("AIAct", "assetti-sec3", "AI Act", None),
    (
        "WAIC2025",
        "apertura-p3",
        "World Artificial Intelligence Conference 2025",
        Some("Conferenza Mondiale sull'Intelligenza Artificiale 2025"),
    ),
    (
        "AIActionSummit2025",
        "assetti-sec3",
        "AI Action Summit 2025",
        None,
    ),
    ("AAAI2026", "assetti-sec3", "AAAI 2026", None),
    (
        "FTCCloudAIReport2025",
        "assetti-sec2",
        "FTC report on cloud–AI partnerships (Jan 2025)",
        Some("Rapporto della FTC sulle partnership tra cloud e IA (gen 2025)"),
    ),
    (
        "CMAFoundationModelsReport2023",
        "assetti-sec2",
        "CMA AI Foundation Models report (2023)",
        Some("Rapporto della CMA sui modelli fondazionali di IA (2023)"),
    ),
    (
        "CMAFoundationModelsUpdate2024",
        "assetti-sec2",
        "CMA AI Foundation Models update paper (2024)",
        Some("Aggiornamento della CMA sui modelli fondazionali di IA (2024)"),
    ),
    (
        "OECDAIDataCompetition2024",
        "assetti-sec2",
        "OECD Artificial Intelligence, Data and Competition (2024)",
        Some("OCSE: Artificial Intelligence, Data and Competition (2024)"),
    ),
    (
        "AIIndexReport2025",
        "assetti-fn21",
        "AI Index Report 2025",
        Some("AI Index Report 2025 (Stanford)"),
    ),
    (
        "NatureIndex2025",
        "apertura-p5",
        "Nature Index 2024-25",
        Some("Nature Index 2024-25 (classifica)"),
    ),
];

/// Aliases of the shared entities: (local name, alias, language tag).
const ALIASES: &[(&str, &str, &str)] = &[
    ("NVIDIA", "Nvidia", "en"),
    ("TSMC", "Taiwan Semiconductor Manufacturing Company", "en"),
    ("Google", "Alphabet", "en"),
    ("Meta", "Meta Platforms", "en"),
    ("Arm", "Arm Holdings", "en"),
    ("DeepSeek", "DeepSeek AI", "en"),
    ("DeepSeek", "DeepSeek-AI", "en"),
    ("MistralAI", "Mistral", "en"),
    ("MistralAI", "MistralAI", "en"),
    ("Almawave", "Alma wave", "en"),
    ("ASC27", "ASC 27", "en"),
    ("Engineering", "Engineering Ingegneria Informatica", "en"),
    ("CoreWeave", "Coreware", "en"),
    ("FTC", "FTC", "en"),
    ("CMA", "CMA", "en"),
    (
        "OECD",
        "Organisation for Economic Co-operation and Development",
        "en",
    ),
    (
        "StanfordCRFM",
        "Center for Research on Foundation Models",
        "en",
    ),
    ("StanfordCRFM", "CRFM", "en"),
    ("UALink", "UALink", "en"),
    ("UALink", "UALink Promoter Group", "en"),
    ("UnitedStates", "USA", "en"),
    ("UnitedStates", "US", "en"),
    ("UnitedStates", "U.S.", "en"),
    ("UnitedStates", "America", "en"),
    ("China", "PRC", "en"),
    ("EuropeanUnion", "EU", "en"),
    ("EuropeanUnion", "UE", "it"),
    ("UnitedKingdom", "UK", "en"),
    ("UnitedKingdom", "Britain", "en"),
    ("World", "global", "en"),
    ("DonaldTrump", "Trump", "en"),
    ("H100", "H100", "en"),
    ("H800", "H800", "en"),
    ("Blackwell", "Blackwell", "en"),
    ("TPU", "TPU", "en"),
    ("Trainium", "Trainium", "en"),
    ("CoWoS", "Chip-on-Wafer-on-Substrate", "en"),
    ("Azure", "Azure", "en"),
    ("AWS", "AWS", "en"),
    ("Gemini", "Google Gemini", "en"),
    ("MetaAI", "meta.ai", "en"),
    ("Claude", "claude.ai", "en"),
    ("Copilot", "Copilot", "en"),
    ("Qwen25Max", "Qwen", "en"),
    ("Qwen25Max", "qwenlm.ai", "en"),
    ("LeChat", "chat.mistral.ai", "en"),
    ("DeepSeekChat", "chat.deepseek.com", "en"),
    ("DeepSeekV3", "DeepSeek V3", "en"),
    ("DeepSeekR1", "DeepSeek R1", "en"),
    ("Llama3_70B", "Llama 3-70B", "en"),
    ("Colosseum355B", "Colosseo m 355B", "it"),
    ("Vitruvian1", "Vitruvian 1", "en"),
    ("MiDashengLM7B", "MiDashengLM", "en"),
    ("CANN", "Compute Architecture for Neural Networks", "en"),
    ("CANN", "Ascend CANN", "en"),
    ("MindToolkits", "Mind toolkits", "en"),
    ("Leonardo", "Leonardo supercomputer", "en"),
    ("Office", "Office", "en"),
    ("Teams", "Teams", "en"),
    ("SearchGenerativeExperience", "SGE", "en"),
    ("EcosystemGraphs", "CRFM Ecosystem Graphs", "en"),
    ("AIGigafactories", "AI gigafactories", "en"),
    ("Stargate", "Stargate Project", "en"),
    ("InvestAI", "Invest AI", "en"),
    ("EUAIChampions", "EU AI Champions", "en"),
    ("EUAIChampions", "European AI Champions", "en"),
    ("AIAct", "EU AI Act", "en"),
    ("WAIC2025", "WAIC 2025", "en"),
    ("AIActionSummit2025", "AI Action Summit", "en"),
    (
        "FTCCloudAIReport2025",
        "Partnerships Between Cloud Service Providers and AI Developers",
        "en",
    ),
    (
        "AIIndexReport2025",
        "Artificial Intelligence Index Report",
        "en",
    ),
];

fn src(local: &str) -> String {
    format!("{SRC}{local}")
}

fn ent(local: &str) -> String {
    format!("{ENT}{local}")
}

fn value(row: &BTreeMap<String, String>, var: &str) -> String {
    row.get(var)
        .unwrap_or_else(|| panic!("?{var} is not bound in {row:?}"))
        .clone()
}

/// The (graph, locator) pairs of the passages in which `pattern` holds.
fn sources(pattern: &str) -> BTreeSet<(String, String)> {
    let query =
        format!("SELECT DISTINCT ?g ?loc WHERE {{ GRAPH ?g {{ {pattern} }} ?g cat:locator ?loc }}");
    common::select(&query)
        .iter()
        .map(|row| (value(row, "g"), value(row, "loc")))
        .collect()
}

/// Asserts that `pattern` is stated in the graph of `passage`, whose locator is `locator`.
fn assert_stated_in(pattern: &str, passage: &str, locator: &str) {
    let found = sources(pattern);
    assert!(
        found.contains(&(src(passage), locator.to_owned())),
        "expected `{pattern}` in {passage} ({locator}), found it in {found:?}"
    );
}

/// The entity IRIs in the answer to a question of the question language.
fn answer_iris(question: &str) -> BTreeSet<String> {
    let output = common::catena()
        .args(["--format", "json", "-e", question])
        .output()
        .expect("catena runs");
    assert!(
        output.status.success(),
        "question failed: {question}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("catena prints SPARQL JSON results");
    json["results"]["bindings"]
        .as_array()
        .expect("bindings array")
        .iter()
        .flat_map(|binding| binding.as_object().expect("binding object").values())
        .filter(|term| term["type"] == "uri")
        .filter_map(|term| term["value"].as_str().map(str::to_owned))
        .collect()
}

// ---------------------------------------------------------------------------------------
// The catalogue: documents and passages
// ---------------------------------------------------------------------------------------

#[test]
fn catalogue_lists_every_passage_with_document_kind_locator_and_parent() {
    let rows = common::select(
        "SELECT ?p ?doc ?kind ?loc ?within WHERE { GRAPH src:catalogue { \
           ?p a cat:Passage ; cat:inDocument ?doc ; cat:locatorKind ?kind ; cat:locator ?loc . \
           OPTIONAL { ?p cat:withinPassage ?within } } }",
    );
    let mut found: BTreeMap<String, (String, String, String, Option<String>)> = BTreeMap::new();
    for row in &rows {
        let previous = found.insert(
            value(row, "p"),
            (
                value(row, "doc"),
                value(row, "kind"),
                value(row, "loc"),
                row.get("within").cloned(),
            ),
        );
        assert!(
            previous.is_none(),
            "passage with several documents, kinds, locators or parents: {row:?}"
        );
    }
    for (local, doc, kind, locator, within) in PASSAGES {
        assert_eq!(
            found.get(&src(local)),
            Some(&(
                src(doc),
                (*kind).to_owned(),
                (*locator).to_owned(),
                within.map(src)
            )),
            "passage src:{local}"
        );
    }
    let expected: BTreeSet<String> = PASSAGES.iter().map(|(local, ..)| src(local)).collect();
    let extra: Vec<&String> = found.keys().filter(|p| !expected.contains(*p)).collect();
    assert!(extra.is_empty(), "passages not in the list: {extra:?}");
    assert_eq!(PASSAGES.len(), 70);
}

#[test]
fn assetti_has_its_sections_boxes_notes_figures_table_and_24_footnotes() {
    let rows = common::select(
        "SELECT ?kind (COUNT(?p) AS ?n) WHERE { GRAPH src:catalogue { \
           ?p cat:inDocument src:assetti ; cat:locatorKind ?kind } } GROUP BY ?kind",
    );
    let counts: BTreeMap<String, String> = rows
        .iter()
        .map(|row| (value(row, "kind"), value(row, "n")))
        .collect();
    let want: BTreeMap<String, String> = [
        ("section", "6"),
        ("box", "4"),
        ("note", "8"),
        ("figure", "10"),
        ("table", "1"),
        ("footnote", "24"),
    ]
    .iter()
    .map(|(k, n)| ((*k).to_owned(), (*n).to_owned()))
    .collect();
    assert_eq!(counts, want);
}

#[test]
fn every_passage_has_exactly_one_english_label() {
    let rows = common::select(
        "SELECT ?p (COUNT(?l) AS ?n) WHERE { GRAPH src:catalogue { ?p a cat:Passage . \
           OPTIONAL { ?p rdfs:label ?l FILTER(lang(?l) = \"en\") } } } GROUP BY ?p",
    );
    assert_eq!(rows.len(), PASSAGES.len());
    for row in &rows {
        assert_eq!(value(row, "n"), "1", "labels of {}", value(row, "p"));
    }
}

#[test]
fn box6_is_in_assetti_with_locator_box_6_within_section_2() {
    let rows = common::select(
        "SELECT ?doc ?kind ?loc ?within ?parentLoc WHERE { GRAPH src:catalogue { \
           src:assetti-box6 cat:inDocument ?doc ; cat:locatorKind ?kind ; cat:locator ?loc ; \
           cat:withinPassage ?within . ?within cat:locator ?parentLoc } }",
    );
    assert_eq!(common::single(&rows, "doc"), src("assetti"));
    assert_eq!(common::single(&rows, "kind"), "box");
    assert_eq!(common::single(&rows, "loc"), "Box 6");
    assert_eq!(common::single(&rows, "within"), src("assetti-sec2"));
    assert_eq!(common::single(&rows, "parentLoc"), "§2");
}

#[test]
fn box_notes_sit_in_their_boxes_and_the_rest_in_sections() {
    let rows = common::select(
        "SELECT ?p ?kind ?parentKind WHERE { GRAPH src:catalogue { \
           ?p cat:locatorKind ?kind ; cat:withinPassage ?parent . ?parent cat:locatorKind ?parentKind } }",
    );
    for row in &rows {
        let (kind, parent) = (value(row, "kind"), value(row, "parentKind"));
        let want = if kind == "note" { "box" } else { "section" };
        assert_eq!(parent, want, "parent of {} ({kind})", value(row, "p"));
    }
    let notes = common::select(
        "SELECT ?box (COUNT(?n) AS ?count) WHERE { GRAPH src:catalogue { \
           ?n cat:locatorKind \"note\" ; cat:withinPassage ?b . ?b cat:locator ?box } } GROUP BY ?box",
    );
    let counts: BTreeMap<String, String> = notes
        .iter()
        .map(|row| (value(row, "box"), value(row, "count")))
        .collect();
    assert_eq!(counts.get("Box 4").map(String::as_str), Some("1"));
    assert_eq!(counts.get("Box 5").map(String::as_str), Some("4"));
    assert_eq!(counts.get("Box 6").map(String::as_str), Some("3"));
    assert_eq!(counts.get("Box 7"), None);
}

#[test]
fn footnote_15_belongs_to_section_1_3_and_footnote_18_to_section_2() {
    // Footnotes sit in the section of their reference mark, even when the page break prints
    // them further down.
    for (note, section) in [
        ("assetti-fn15", "§1.3"),
        ("assetti-fn18", "§2"),
        ("assetti-fn1", "§1.1"),
    ] {
        let rows = common::select(&format!(
            "SELECT ?loc WHERE {{ GRAPH src:catalogue {{ src:{note} cat:withinPassage ?s . ?s cat:locator ?loc }} }}"
        ));
        assert_eq!(common::single(&rows, "loc"), section, "{note}");
    }
}

#[test]
fn article_has_thirteen_paragraphs_counted_from_the_title_line() {
    let rows = common::select(
        "SELECT ?p ?loc WHERE { GRAPH src:catalogue { \
           ?p cat:inDocument src:apertura ; cat:locatorKind \"paragraph\" ; cat:locator ?loc } }",
    );
    assert_eq!(rows.len(), 13, "paragraphs of the article: {rows:#?}");
    for n in 1..=13 {
        assert!(
            common::has_row(
                &rows,
                &[
                    ("p", &src(&format!("apertura-p{n}"))),
                    ("loc", &format!("¶{n}"))
                ]
            ),
            "¶{n} missing"
        );
    }
    assert!(!common::ask("ASK { src:apertura-p14 ?p ?o }"));
    let title =
        common::select("SELECT ?l WHERE { GRAPH src:catalogue { src:apertura-p1 rdfs:label ?l } }");
    assert!(common::single(&title, "l").contains("title"));
}

#[test]
fn documents_have_titles_authors_language_and_publisher() {
    let title = common::select(
        "SELECT ?t WHERE { GRAPH src:catalogue { src:assetti a cat:SourceDocument ; dcterms:title ?t ; dcterms:language \"it\" } }",
    );
    assert_eq!(
        common::single(&title, "t"),
        "Gli assetti di mercato dei modelli di intelligenza artificiale generativa"
    );
    let creators: BTreeSet<String> = common::select(
        "SELECT ?c WHERE { GRAPH src:catalogue { src:assetti dcterms:creator ?c } }",
    )
    .iter()
    .map(|row| value(row, "c"))
    .collect();
    let want: BTreeSet<String> = [
        "Rossana Arcano",
        "Carlo Cambini",
        "Paolo Lupi",
        "Antonio Manganelli",
        "Antonio Perrucci",
        "Giovanni Trotta",
    ]
    .iter()
    .map(|c| (*c).to_owned())
    .collect();
    assert_eq!(creators, want);
    for doc in ["assetti", "apertura"] {
        let labels = common::select(&format!(
            "SELECT (lang(?l) AS ?lang) WHERE {{ GRAPH src:catalogue {{ src:{doc} rdfs:label ?l }} }}"
        ));
        assert!(
            common::has_row(&labels, &[("lang", "en")]),
            "{doc} has an English label"
        );
        assert!(
            common::has_row(&labels, &[("lang", "it")]),
            "{doc} has an Italian label"
        );
    }
    let article = common::select(
        "SELECT ?pub ?l WHERE { GRAPH src:catalogue { src:apertura a cat:SourceDocument ; \
           dcterms:publisher ?pub ; dcterms:language \"it\" ; rdfs:label ?l FILTER(lang(?l) = \"en\") } }",
    );
    assert_eq!(common::single(&article, "pub"), "CeSE-M");
    assert_eq!(
        common::single(&article, "l"),
        "China's open approach to AI (opinion article)"
    );
    assert!(!common::ask("ASK { src:apertura dcterms:title ?t }"));
}

#[test]
fn notes_and_footnotes_cite_their_reference_urls() {
    let rows = common::select(
        "SELECT ?p ?url WHERE { GRAPH src:catalogue { ?p cat:citesUrl ?url FILTER(datatype(?url) = xsd:anyURI) } }",
    );
    let found: BTreeSet<(String, String)> = rows
        .iter()
        .map(|row| (value(row, "p"), value(row, "url")))
        .collect();
    let want: BTreeSet<(String, String)> = CITED_URLS
        .iter()
        .map(|(p, url)| (src(p), (*url).to_owned()))
        .collect();
    assert_eq!(found, want);
    // A sample: fn. 3 is the Statista reference for the H100 shipments, in §1.1.
    let rows = common::select(
        "SELECT ?url ?loc ?parent WHERE { GRAPH src:catalogue { src:assetti-fn3 cat:citesUrl ?url ; \
           cat:locator ?loc ; cat:withinPassage ?s . ?s cat:locator ?parent } }",
    );
    assert!(common::single(&rows, "url").contains("statista.com"));
    assert_eq!(common::single(&rows, "loc"), "fn. 3");
    assert_eq!(common::single(&rows, "parent"), "§1.1");
}

#[test]
fn every_fact_graph_is_a_catalogued_passage() {
    let rows = common::select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } \
           FILTER(?g != src:catalogue && ?g != <https://w3id.org/catena/ontology>) \
           FILTER NOT EXISTS { GRAPH src:catalogue { ?g a cat:Passage ; cat:inDocument ?d ; cat:locator ?l } } }",
    );
    assert!(
        rows.is_empty(),
        "graphs that are not catalogued passages: {rows:#?}"
    );
}

// ---------------------------------------------------------------------------------------
// Shared entities
// ---------------------------------------------------------------------------------------

#[test]
fn shared_entities_are_declared_with_their_labels_in_a_passage_that_mentions_them() {
    let rows = common::select(
        "SELECT ?e ?g ?en ?it WHERE { GRAPH ?g { ?e a ?type ; rdfs:label ?en FILTER(lang(?en) = \"en\") \
           OPTIONAL { ?e rdfs:label ?it FILTER(lang(?it) = \"it\") } } \
           FILTER(STRSTARTS(STR(?e), \"https://w3id.org/catena/entity/\")) }",
    );
    for (local, passage, en, it) in ENTITIES {
        let iri = ent(local);
        let mine: Vec<&BTreeMap<String, String>> = rows
            .iter()
            .filter(|row| row.get("e") == Some(&iri))
            .collect();
        assert!(
            mine.iter().any(|row| {
                row.get("g") == Some(&src(passage))
                    && row.get("en").map(String::as_str) == Some(*en)
                    && row.get("it").map(String::as_str) == *it
            }),
            "ent:{local} should be declared in src:{passage} as {en:?} / {it:?}, found {mine:#?}"
        );
    }
    assert_eq!(ENTITIES.len(), 136);
}

#[test]
fn aliases_are_recorded_with_their_language() {
    let rows = common::select("SELECT ?e ?a (lang(?a) AS ?lang) WHERE { ?e skos:altLabel ?a }");
    let found: BTreeSet<(String, String, String)> = rows
        .iter()
        .map(|row| (value(row, "e"), value(row, "a"), value(row, "lang")))
        .collect();
    for (local, alias, lang) in ALIASES {
        assert!(
            found.contains(&(ent(local), (*alias).to_owned(), (*lang).to_owned())),
            "ent:{local} should have the alias \"{alias}\"@{lang}"
        );
    }
}

#[test]
fn sample_names_resolve_to_the_shared_entities() {
    for (name, lang, entity) in [
        ("Alphabet", "en", "Google"),
        ("Stati Uniti", "it", "UnitedStates"),
        ("UE", "it", "EuropeanUnion"),
        ("Unione Europea", "it", "EuropeanUnion"),
        ("Nvidia", "en", "NVIDIA"),
        ("Coreware", "en", "CoreWeave"),
        ("Colosseo m 355B", "it", "Colosseum355B"),
        ("Cina", "it", "China"),
        ("DeepSeek-AI", "en", "DeepSeek"),
    ] {
        let rows = common::select(&format!(
            "SELECT DISTINCT ?e WHERE {{ {{ ?e rdfs:label \"{name}\"@{lang} }} UNION {{ ?e skos:altLabel \"{name}\"@{lang} }} }}"
        ));
        assert_eq!(common::single(&rows, "e"), ent(entity), "{name}@{lang}");
    }
    // "UE" is an Italian alias, not a label.
    assert!(common::ask(
        "ASK { ent:EuropeanUnion skos:altLabel \"UE\"@it }"
    ));
    assert!(common::ask(
        "ASK { ent:UnitedStates rdfs:label \"Stati Uniti\"@it }"
    ));
}

#[test]
fn the_question_language_finds_entities_by_alias_and_italian_label() {
    let google = answer_iris("what does Alphabet develop");
    assert!(
        google.contains(&ent("TPU")) && google.contains(&ent("Gemini")),
        "{google:?}"
    );
    let us = answer_iris("who is based in Stati Uniti");
    assert!(us.contains(&ent("NVIDIA")), "{us:?}");
}

#[test]
fn headquarters_and_locations_cite_the_passage_that_states_them() {
    for (subject, property, object, passage, locator) in [
        (
            "NVIDIA",
            "basedIn",
            "UnitedStates",
            "assetti-sec1.1",
            "§1.1",
        ),
        ("TSMC", "basedIn", "Taiwan", "assetti-sec1.1", "§1.1"),
        ("Neuronova", "basedIn", "Milan", "assetti-sec1.1", "§1.1"),
        ("MistralAI", "basedIn", "France", "assetti-sec1.3", "§1.3"),
        ("MistralAI", "basedIn", "France", "assetti-sec3", "§3"),
        (
            "StabilityAI",
            "basedIn",
            "UnitedKingdom",
            "assetti-sec1.3",
            "§1.3",
        ),
        ("DeepSeek", "basedIn", "China", "assetti-box5", "Box 5"),
        ("Alibaba", "basedIn", "China", "assetti-sec3", "§3"),
        ("Baichuan", "basedIn", "China", "assetti-sec3", "§3"),
        ("CMA", "basedIn", "UnitedKingdom", "assetti-sec2", "§2"),
        ("xAI", "basedIn", "UnitedStates", "assetti-sec3", "§3"),
        ("Airbus", "basedIn", "Europe", "assetti-sec3", "§3"),
        ("ASML", "basedIn", "Europe", "assetti-sec3", "§3"),
        ("iGenius", "basedIn", "Italy", "assetti-tab1", "Tab. 1"),
        ("Almawave", "basedIn", "Italy", "assetti-tab1", "Tab. 1"),
        ("ASC27", "basedIn", "Italy", "assetti-tab1", "Tab. 1"),
        ("Engineering", "basedIn", "Italy", "assetti-tab1", "Tab. 1"),
        ("Huawei", "basedIn", "China", "apertura-p4", "¶4"),
        ("Xiaomi", "basedIn", "China", "apertura-p4", "¶4"),
        (
            "ChineseUniversities",
            "basedIn",
            "China",
            "apertura-p5",
            "¶5",
        ),
        (
            "USSenateRepublicans",
            "basedIn",
            "UnitedStates",
            "apertura-p7",
            "¶7",
        ),
        ("Shanghai", "locatedIn", "China", "apertura-p3", "¶3"),
        ("WAIC2025", "locatedIn", "Shanghai", "apertura-p3", "¶3"),
        (
            "AIActionSummit2025",
            "locatedIn",
            "Paris",
            "assetti-sec3",
            "§3",
        ),
        (
            "AIGigafactories",
            "locatedIn",
            "EuropeanUnion",
            "assetti-sec3",
            "§3",
        ),
    ] {
        assert_stated_in(
            &format!("ent:{subject} cat:{property} ent:{object}"),
            passage,
            locator,
        );
    }
}

#[test]
fn develops_links_cite_the_passage_that_states_them() {
    for (developer, product, passage, locator) in [
        ("Google", "TPU", "assetti-sec1.1", "§1.1"),
        ("Google", "Gemini", "assetti-sec1.3", "§1.3"),
        ("Google", "Gemini", "assetti-sec2", "§2"),
        ("Google", "PaLM", "assetti-sec2", "§2"),
        ("Microsoft", "Copilot", "assetti-sec1.3", "§1.3"),
        ("Microsoft", "Copilot", "assetti-box6", "Box 6"),
        ("Microsoft", "Azure", "assetti-box6", "Box 6"),
        ("Microsoft", "AzureOpenAIService", "assetti-box6", "Box 6"),
        ("NVIDIA", "NVLink", "assetti-box4", "Box 4"),
        ("NVIDIA", "H100", "assetti-tab1", "Tab. 1"),
        ("NVIDIA", "NVLM", "assetti-sec2", "§2"),
        ("DeepSeek", "DeepSeekR1", "assetti-box5", "Box 5"),
        ("xAI", "Grok3", "assetti-sec3", "§3"),
        ("Almawave", "Velvet14B", "assetti-tab1", "Tab. 1"),
        ("iGenius", "Colosseum355B", "assetti-tab1", "Tab. 1"),
        ("Huawei", "CANN", "apertura-p4", "¶4"),
        ("Huawei", "MindToolkits", "apertura-p4", "¶4"),
        ("Xiaomi", "MiDashengLM7B", "apertura-p4", "¶4"),
    ] {
        assert_stated_in(
            &format!("ent:{developer} cat:develops ent:{product}"),
            passage,
            locator,
        );
    }
    assert_stated_in(
        "ent:StanfordCRFM cat:subsidiaryOf ent:StanfordUniversity",
        "assetti-sec1.3",
        "§1.3",
    );
}

/// A graph pattern matching `?g` to a passage of the two documents (not the reference layer).
const DOCUMENT_GRAPH: &str =
    "?g cat:inDocument ?document FILTER NOT EXISTS { ?document a cat:ReferenceDataset }";

fn stated_by_a_document(pattern: &str) -> bool {
    common::ask(&format!(
        "ASK {{ GRAPH ?g {{ {pattern} }} {DOCUMENT_GRAPH} }}"
    ))
}

#[test]
fn places_the_documents_never_mention_are_dropped() {
    // Japan and the Emirates may appear in the reference layer (SoftBank's and MGX's seats),
    // never in a document's graph.
    for local in ["Japan", "UnitedArabEmirates"] {
        assert!(
            !stated_by_a_document(&format!(
                "{{ ent:{local} ?p ?o }} UNION {{ ?s ?p ent:{local} }}"
            )),
            "ent:{local} is mentioned in neither document"
        );
    }
}

#[test]
fn unstated_facts_are_not_invented() {
    for pattern in [
        "ent:AWS cat:subsidiaryOf ?x",
        "ent:SoftBank cat:basedIn ?x",
        "ent:MGX cat:basedIn ?x",
        // The FTC's seat and the governance centre's are not in the documents.
        "ent:FTC cat:basedIn ?x",
        "ent:AIInnovationGovernanceCentre cat:basedIn ?x",
        // A city's country is background, not a document fact.
        "ent:Milan cat:locatedIn ?x",
        "ent:Paris cat:locatedIn ?x",
    ] {
        assert!(
            !stated_by_a_document(pattern),
            "no document states {pattern}"
        );
    }
}

#[test]
fn entity_labels_are_unique_ignoring_case() {
    let rows = common::select(
        "SELECT ?l (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e rdfs:label ?label \
           FILTER(STRSTARTS(STR(?e), \"https://w3id.org/catena/entity/\")) BIND(LCASE(STR(?label)) AS ?l) } \
           GROUP BY ?l HAVING (COUNT(DISTINCT ?e) > 1)",
    );
    assert!(
        rows.is_empty(),
        "labels shared by several entities: {rows:#?}"
    );
}
