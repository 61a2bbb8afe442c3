"""Generates the local model's training utterances (corpus/*.jsonl) from templates × slot values.

Run ``python -m leadloom.agents.local.corpus.generate`` after editing; the output is committed so the
model trains from files in the repo. Each line is ``{"text", "label"}`` where the label is a tool name
from docs/agent-tools.md, ``out_of_scope`` or ``greeting``. Variety comes from three sources: several
phrasings per tool (formal, casual, terse, questions, imperatives), slot values drawn from pools of
made-up names/companies/stages, and noise (lower-casing, dropped punctuation, typos, filler words)
applied to a share of the items — because real people type "pls move jen to custmer".

The evaluation dev set (``devset.jsonl``) is written separately with different wording and names; this
generator must never read it.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261126
PER_LABEL = 58  # template expansions per label (hand-written items come on top)

FIRST = [
    "Maria",
    "John",
    "Priya",
    "Carlos",
    "Emma",
    "Liam",
    "Olivia",
    "Noah",
    "Sofia",
    "Lucas",
    "Mei",
    "Ahmed",
    "Fatima",
    "Diego",
    "Hannah",
    "Tom",
    "Grace",
    "Ivan",
    "Chloe",
    "Ben",
    "Zara",
    "Leo",
    "Nina",
    "Omar",
]
LAST = [
    "Garcia",
    "Smith",
    "Patel",
    "Mendes",
    "Brown",
    "Nguyen",
    "Kowalski",
    "Rossi",
    "Kim",
    "Schmidt",
    "Okafor",
    "Dubois",
    "Silva",
    "Jensen",
    "Murphy",
    "Cohen",
    "Tanaka",
    "Novak",
    "Reyes",
    "Walsh",
]
COMPANY = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella Corp",
    "Stark Industries",
    "Wayne Enterprises",
    "Hooli",
    "Pied Piper",
    "Soylent",
    "Wonka Labs",
    "Bluth Company",
    "Vandelay Imports",
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin Toys",
    "Blue Sky Bakery",
    "Greenleaf Studio",
    "Brightside Dental",
]
STAGE = [
    "lead",
    "customer",
    "opportunity",
    "mql",
    "sql",
    "marketing qualified lead",
    "churned",
    "disqualified",
    "evangelist",
    "sales qualified",
    "subscriber",
    "prospect",
]
DEAL_STAGE = ["proposal", "negotiation", "discovery", "qualification", "closed won", "closed lost", "won", "lost"]
OWNER = ["Maria", "Tom", "Priya", "Carlos", "me", "Sam", "Jess", "alex@agency.com", "Rita", "Kevin"]
TAG = ["vip", "webinar", "newsletter", "hot", "trade-show", "partner", "cold", "black friday", "wholesale"]
SOURCE = [
    "webinar",
    "referral",
    "website",
    "google ads",
    "facebook",
    "linkedin",
    "trade show",
    "cold call",
    "instagram",
    "organic search",
]
DATE = [
    "tomorrow",
    "next friday",
    "next week",
    "in two weeks",
    "on monday",
    "march 3",
    "the 15th",
    "end of month",
    "2026-12-01",
    "12/05",
    "in 3 days",
    "this friday",
    "next tuesday",
    "in a month",
]
SINCE = [
    "since september 27",
    "this week",
    "last month",
    "this month",
    "last quarter",
    "since monday",
    "in the last 30 days",
    "this year",
    "since jan 1",
    "past two weeks",
    "yesterday",
    "this quarter",
]
NUM = ["50", "60", "70", "75", "80", "85", "90", "40"]
LIMIT = ["3", "5", "10", "20", "ten", "five"]
AMOUNT = ["$5k", "5000", "$12,000", "20k", "$1.5k", "3,500 dollars", "$250", "10 grand", "€8000"]
PRODUCT = [
    "SEO package",
    "website redesign",
    "social media retainer",
    "PPC management",
    "branding",
    "email marketing",
    "video production",
    "content plan",
]
TITLE = ["CEO", "marketing manager", "head of growth", "owner", "founder", "CMO", "office manager"]
INDUSTRY = ["retail", "dental", "restaurants", "real estate", "fitness", "legal", "saas", "construction"]
SEGMENT = [
    "VIP customers",
    "webinar leads",
    "cold leads",
    "newsletter subscribers",
    "Q4 prospects",
    "dentists",
    "local restaurants",
    "churned clients",
]
CAMPAIGN = [
    "spring promo",
    "black friday blast",
    "webinar follow-up",
    "re-engagement",
    "holiday offer",
    "new service launch",
]
TOPIC = [
    "pricing",
    "budget",
    "competitor",
    "contract renewal",
    "onboarding",
    "discount",
    "complaint",
    "the proposal",
    "timeline",
    "logo design",
]
PERIOD = ["week", "month", "quarter"]
ACT = ["call", "email", "meeting", "note"]


def _phone(r: random.Random) -> str:
    return r.choice(["555-0{}{}{}-{}{}{}{}", "(415) 55{}-{}{}{}{}", "+1 212 555 {}{}{}{}", "07700 9{}{}{}{}{}"]).format(
        *[r.randint(0, 9) for _ in range(8)]
    )


def _email(r: random.Random, first: str, last: str) -> str:
    dom = r.choice(["gmail.com", "acme.com", "example.org", "outlook.com", "studio.io"])
    return r.choice([f"{first}.{last}@{dom}", f"{first[0]}{last}@{dom}", f"{first}@{dom}"]).lower()


# {slot} placeholders; every label has formal, casual, terse and question forms.
T: dict[str, list[str]] = {
    "search_contacts": [
        "show me all contacts at {company}",
        "list leads from {company} scoring over {num}",
        "find contacts tagged {tag}",
        "who are the {stage}s owned by {owner}",
        "search for {first}",
        "any leads from {source} this month?",
        "contacts created {since}",
        "which contacts are in stage {stage}",
        "show my leads",
        "list {owner}'s contacts",
        "find everyone with a score above {num}",
        "contacts I haven't talked to since {sincedate}",
        "who needs a follow-up before {date}",
        "who do I have to follow up with {date}",
        "leads with score below {num}",
        "newest contacts",
        "show the {limit} most recent leads",
        "find people at {company} tagged {tag}",
        "pull up all {stage}s",
        "which leads came from {source}",
        "look up contacts named {first} {last}",
        "contacts with follow ups due {date}",
        "list contacts sorted by score",
        "any {stage}s at {company}?",
        "show {stage} contacts owned by {owner} created {since}",
        "find the email {email}",
        "who's got a follow up this week",
        "leads not contacted in 30 days",
        "find contacts in {industry}",
        "search contacts {tag}",
        "all my {stage}s with score over {num}",
        "get me the list of {tag} people",
        "which contacts does {owner} own",
        "who has overdue follow-ups",
        "people from {company}",
        "contacts {owner} is responsible for",
        "show highest scoring {stage}s",
        "list unassigned leads",
        "find leads created before {date}",
        "contacts from {source} with tag {tag}",
    ],
    "get_contact": [
        "show me {first} {last}",
        "who owns {first} {last}?",
        "when is the next follow-up with {first} {last}",
        "what stage is {first} {last} in",
        "open {first} {last}'s record",
        "details for {first} {last}",
        "what's {first}'s phone number",
        "give me the contact card for {first} {last} at {company}",
        "who is the owner of {first} {last}",
        "what do we know about {first} {last}",
        "email address of {first} {last}?",
        "pull up {email}",
        "when should I follow up with {first}",
        "is {first} {last} a customer yet",
        "tell me about {first} {last}",
        "contact info {first} {last}",
        "who handles {first} {last}",
        "{first} {last} details pls",
        "whats the status of {first} {last}",
        "which company does {first} {last} work for",
        "get contact {email}",
        "look at {first} {last}'s profile",
        "does {first} {last} have any open deals",
        "when do we next talk to {first} {last}",
    ],
    "create_contact": [
        "add a new contact {first} {last} from {company}",
        "create lead {first} {last}, email {email}",
        "new customer {first} {last}, phone {phone}, owner {owner}",
        "add {first} {last} at {company}, interested in {product}, follow up {date}",
        "save a contact: {first} {last} {email} {phone}",
        "create a contact for {email}",
        "new lead {first} {last} from {source}, assign to {owner}",
        "add {first} {last} ({title} at {company}) as a {stage}",
        "I just met {first} {last} from {company}, add them please, phone {phone}",
        "put {first} {last} in the crm",
        "add contact {first}",
        "register a new client {first} {last}",
        "new contact: {first} {last}, {company}, {email}, tag {tag}",
        "add {first} {last} as a new customer owned by {owner} with follow-up {date}",
        "create {first} {last} — wants {product}, call back {date}",
        "enter a new prospect {first} {last}",
        "log a new lead named {first} {last} who came via {source}",
        "add a contact",
        "create a new lead",
        "new client signed: {first} {last} at {company}, product {product}, owner {owner}, phone {phone}",
    ],
    "update_contact": [
        "move {first} {last} to {stage}",
        "mark {first} {last} as {stage}",
        "change {first}'s stage to {stage}",
        "set {first} {last}'s phone to {phone}",
        "update {first} {last}'s email to {email}",
        "assign {first} {last} to {owner}",
        "{first} {last} is now a {stage}",
        "make {owner} the owner of {first} {last}",
        "tag {first} {last} as {tag}",
        "remove the {tag} tag from {first} {last}",
        "set follow up for {first} {last} to {date}",
        "push {first}'s follow-up to {date}",
        "{first} {last} converted to customer!",
        "change the company of {first} {last} to {company}",
        "{first} {last} unsubscribed from emails",
        "set {first} {last} title to {title}",
        "update {first} {last}: stage {stage}, owner {owner}",
        "switch {first} {last} over to {owner}",
        "{first} {last} signed, mark as customer",
        "{first} {last} went cold, mark churned",
        "fix the last name of {first} to {last}",
        "change lead source of {first} {last} to {source}",
        "reassign {first} {last} from {owner} to Maria",
        "{first} {last} should be {stage}",
        "add tag {tag} to {first} {last}",
        "{first} {last} now works at {company}",
    ],
    "bulk_update_contacts": [
        "assign all leads from {company} to {owner}",
        "move everyone tagged {tag} to {stage}",
        "mark all {source} leads as {stage}",
        "give all of {owner}'s contacts to Maria",
        "tag every contact at {company} with {tag}",
        "set all {stage}s with score over {num} to sql",
        "change the owner of all {tag} contacts to {owner}",
        "move all contacts from {source} to {stage}",
        "bulk update: {stage}s at {company} -> owner {owner}",
        "reassign every lead owned by {owner} to Priya",
        "all leads scoring over {num} should be mql",
        "set follow up {date} for everyone tagged {tag}",
        "add the tag {tag} to all {stage}s",
        "mark every lead not contacted since {sincedate} as churned",
        "update all contacts at {company}: stage {stage}",
        "move the {company} folks to {stage}",
        "everyone from the {tag} list is now {stage}",
        "all of {owner}'s {stage}s go to {owner}",
    ],
    "delete_contacts": [
        "delete {first} {last}",
        "remove {first} {last} from the crm",
        "delete all contacts tagged {tag}",
        "get rid of the disqualified leads",
        "delete every lead from {company}",
        "erase contact {email}",
        "remove all churned contacts",
        "delete leads with score under {num}",
        "trash {first} {last}",
        "delete the contact {first}",
        "purge all contacts from {source} created {since}",
        "remove everyone tagged {tag} owned by {owner}",
        "wipe {first} {last}'s record",
        "delete the duplicate {first} {last}",
        "drop all {stage}s at {company}",
    ],
    "log_activity": [
        "log a call with {first} {last}",
        "I just called {first} {last}, they want a quote",
        "note on {first} {last}: interested in {product}",
        "record a meeting with {first} {last} about {topic}",
        "log an email to {first} {last} re {topic}",
        "had a meeting with {first} from {company} {sincedate}",
        "add a note to {first} {last}: call back after the holidays",
        "{first} {last} called us about {topic}",
        "log that I emailed {first} {last}",
        "spoke with {first} {last} today, went well",
        "note for {first}: prefers texts",
        "log inbound call from {first} {last}",
        "met {first} {last} for lunch",
        "write down that {first} {last} asked about {topic}",
        "log activity {act} {first} {last}",
    ],
    "get_timeline": [
        "show {first} {last}'s timeline",
        "what's the history with {first} {last}",
        "recent activity for {first} {last}",
        "last {limit} interactions with {first}",
        "when did we last talk to {first} {last}",
        "all touchpoints with {first} {last}",
        "what happened with {first} {last} lately",
        "activity log {first} {last}",
        "show me every call and email with {first} {last}",
        "timeline for {email}",
    ],
    "find_duplicates": [
        "find duplicates",
        "are there any duplicate contacts",
        "check for dupes of {first} {last}",
        "does {first} {last} have a duplicate",
        "find duplicate records",
        "any contacts entered twice?",
        "scan for duplicates",
        "show possible duplicates for {email}",
        "dedupe check",
        "which contacts look like the same person",
    ],
    "merge_contacts": [
        "merge {first} {last} into {first} {last2}",
        "merge the two {first} {last} records",
        "combine {email} with {first} {last}",
        "merge duplicate {first} {last}",
        "{first} {last} and {first} {last2} are the same person, merge them",
        "merge contacts {first} and {first2}",
        "fold {first2} {last2} into {first} {last}",
        "keep {first} {last} and merge the other one into it",
    ],
    "search_companies": [
        "list companies in {industry}",
        "find companies named {company}",
        "show all accounts",
        "companies with more than {num} employees",
        "which companies are in {industry}",
        "search company {company}",
        "small businesses under 10 people",
        "list our client companies",
        "find the company with domain {domain}",
        "what companies do we have in {industry}",
    ],
    "get_company": [
        "show me {company}",
        "tell me about {company}",
        "who works at {company}",
        "{company} details",
        "open the {company} account",
        "what deals do we have with {company}",
        "company info for {company}",
        "contacts and deals at {company}",
        "pull up the {company} company record",
        "who owns the {company} account",
    ],
    "create_company": [
        "add company {company}",
        "create a company called {company} in {industry}",
        "new account {company}, domain {domain}",
        "add {company} as a company with {num} employees",
        "create company {company}",
        "register the business {company}",
        "new company: {company}, {industry}",
        "add an account for {company} ({domain})",
    ],
    "update_company": [
        "change {company}'s industry to {industry}",
        "update {company} domain to {domain}",
        "set {company} size to {num}",
        "rename {company} to {company2}",
        "{company} now has {num} staff",
        "update the {company} account: industry {industry}",
        "fix {company}'s website, it's {domain}",
        "{company} moved into {industry}",
    ],
    "list_deals": [
        "show open deals",
        "list deals for {company}",
        "deals over {amount}",
        "what deals are closing {date}",
        "won deals this quarter",
        "show {owner}'s deals",
        "which deals are in {dealstage}",
        "list lost deals",
        "open opportunities with {company}",
        "deals closing before {date}",
        "biggest deals in the pipeline",
        "deals worth more than {amount} owned by {owner}",
        "what's {first} {last} negotiating",
        "any deals stuck in {dealstage}?",
        "my open deals",
    ],
    "create_deal": [
        "create a deal for {company} worth {amount}",
        "new deal {product} for {company}, {amount}",
        "add an opportunity: {company} {product} {amount} closing {date}",
        "open a deal with {first} {last} for {amount}",
        "log a new deal {company} - {product}",
        "{company} wants {product} for {amount}, create a deal",
        "new deal {amount} with {company} owned by {owner}",
        "create opportunity {product} at {company} expected to close {date}",
        "start a deal for {first} {last}",
    ],
    "move_deal_stage": [
        "move the {company} deal to {dealstage}",
        "{company} deal is now in {dealstage}",
        "mark the {product} deal as won",
        "we lost the {company} deal, they chose a competitor",
        "advance {company} to {dealstage}",
        "close the {company} deal as won",
        "push {company} to negotiation",
        "the {company} {product} deal moved to {dealstage}",
        "set deal {company} stage {dealstage}",
        "{company} signed! mark the deal won",
        "{company} deal lost - budget cuts",
    ],
    "update_deal": [
        "change the {company} deal amount to {amount}",
        "set the close date of the {company} deal to {date}",
        "update {company} deal value {amount}",
        "reassign the {company} deal to {owner}",
        "push the {company} deal close date to {date}",
        "the {company} deal is now worth {amount}",
        "rename the {company} deal to {product}",
        "{company} deal: amount {amount}, close {date}",
    ],
    "pipeline_summary": [
        "pipeline summary",
        "how is the pipeline looking",
        "what's in the pipeline",
        "give me the pipeline",
        "how much is in our pipeline",
        "summarize the sales pipeline",
        "total pipeline value",
        "weighted pipeline",
        "pipeline overview",
        "how many deals in each stage and how much",
        "whats our pipeline worth",
        "show me the pipe",
    ],
    "create_task": [
        "remind me to call {first} {last} {date}",
        "create a task: send proposal to {company} by {date}",
        "add a to-do to email {first} {date}",
        "task for {owner}: follow up with {company} {date}",
        "schedule a follow-up call with {first} {last} {date}",
        "new task send contract to {first} {last}",
        "set a reminder to check in with {company} {date}",
        "make a task for me: {topic} with {first} {date}",
        "create todo prepare {product} quote for {company} due {date}",
        "remind {owner} to ping {first} {date}",
    ],
    "list_tasks": [
        "what are my tasks",
        "show my to-dos for {date}",
        "overdue tasks",
        "list open tasks for {owner}",
        "what do I have due this week",
        "tasks due {date}",
        "show all open tasks",
        "what's on my plate today",
        "any overdue to-dos?",
        "tasks for {first} {last}",
        "completed tasks this week",
        "{owner}'s tasks",
        "what reminders do I have",
        "my follow-up tasks",
    ],
    "complete_task": [
        "mark the task call {first} as done",
        "complete the {company} proposal task",
        "done with the call to {first} {last}",
        "tick off send contract to {first}",
        "I finished the {topic} task",
        "close task follow up with {company}",
        "mark my task {topic} complete",
        "task done: email {first} {last}",
    ],
    "recommend_follow_ups": [
        "who should I follow up with",
        "recommend follow-ups",
        "who should I call next",
        "suggest who to contact today",
        "which leads need attention",
        "who's worth reaching out to this week",
        "give me {limit} people to follow up with",
        "who should {owner} follow up with",
        "best follow-ups for today",
        "who am I neglecting",
        "what leads should I prioritize for outreach",
    ],
    "score_lead": [
        "score {first} {last}",
        "what's {first} {last}'s lead score",
        "how good a lead is {first} {last}",
        "rate {first} {last}",
        "lead score for {email}",
        "how hot is {first} {last}",
        "score the lead {first}",
        "is {first} {last} a good lead",
        "give me a score for {first} {last} at {company}",
        "how likely is {first} {last} to buy",
        "rescore {first} {last}",
    ],
    "explain_score": [
        "why is {first} {last}'s score so low",
        "explain {first} {last}'s score",
        "what drives {first}'s lead score",
        "why does {first} {last} score {num}",
        "how could {first} {last} score higher",
        "break down the score for {first} {last}",
        "why is {first} {last} rated hot",
        "what factors affect {first} {last}'s score",
        "explain the rating of {email}",
    ],
    "top_leads": [
        "top leads",
        "show my top {limit} leads",
        "best leads this week",
        "highest scoring leads {since}",
        "who are the hottest prospects",
        "top {limit} leads for {owner}",
        "top scoring {stage}s",
        "best opportunities right now",
        "hottest leads {since}",
        "rank my leads",
        "leads most likely to convert",
        "top {limit} new leads {since}",
    ],
    "create_segment": [
        "create a segment of {stage}s tagged {tag}",
        "save a segment called {segment} with leads from {source}",
        "make a list of all contacts at {company}",
        "new segment: {stage}s with score over {num}",
        "build an audience of {tag} contacts",
        "segment everyone owned by {owner}",
        "create segment {segment} for {stage}s created {since}",
        "group all {source} leads into a segment",
        "save these filters as a segment: {stage}, tag {tag}",
    ],
    "list_segments": [
        "list segments",
        "what segments do we have",
        "show my saved audiences",
        "all segments with counts",
        "which lists exist",
        "show segments",
        "what audiences are saved",
    ],
    "segment_audience": [
        "how many people are in {segment}",
        "who is in the {segment} segment",
        "audience size of {segment}",
        "show the {segment} list",
        "how many in {segment} can we email",
        "count the {segment} segment",
        "preview the audience for {segment}",
        "members of {segment}",
    ],
    "draft_campaign": [
        "draft an email to {segment} about {product}",
        "write a campaign for {segment}",
        "draft an sms to {tag} contacts about our {campaign}",
        "create an email campaign {campaign} for {segment}",
        "prepare a newsletter for {stage}s",
        "draft a text blast for {segment}: {campaign}",
        "compose a follow-up email to webinar leads",
        "write an email to everyone tagged {tag} announcing {product}",
        "set up a {campaign} campaign by email to {segment}",
        "draft a promo email for {source} leads",
        "send an email to {segment} about {campaign}",
        "email all {stage}s about {product}",
    ],
    "list_campaigns": [
        "list campaigns",
        "show my drafts",
        "what campaigns do we have",
        "draft campaigns",
        "show all email campaigns",
        "which campaigns are scheduled",
        "campaign list",
    ],
    "pipeline_by_stage": [
        "pipeline by stage",
        "break the pipeline down by stage",
        "deals per stage for {owner}",
        "value per stage",
        "how many deals in each stage",
        "{owner}'s pipeline by stage",
        "stage breakdown of the pipeline",
        "chart the pipeline stages",
    ],
    "conversion_by_source": [
        "conversion by source",
        "which lead source converts best",
        "conversion rates per channel {since}",
        "how do {source} leads convert",
        "best performing lead sources",
        "lead source performance {since}",
        "which channel brings the most customers",
        "leads to customers by source",
    ],
    "conversion_by_period": [
        "conversion rate by month",
        "conversions per {period}",
        "how did conversion change {since}",
        "monthly conversion",
        "conversion trend by quarter",
        "weekly conversion rate",
        "conversion over time {since}",
    ],
    "activity_by_owner": [
        "activity by rep",
        "how many calls did each rep make {since}",
        "who logged the most activities",
        "activity per owner {since}",
        "emails sent per person {since}",
        "team activity report",
        "how active was {owner} {since}",
        "meetings by owner {since}",
        "calls per salesperson",
    ],
    "revenue_won_over_time": [
        "revenue won by month",
        "how much did we close {since}",
        "revenue per {period}",
        "won revenue over time",
        "sales by quarter",
        "how much money did we make {since}",
        "closed won revenue trend",
        "monthly revenue",
        "revenue this year",
    ],
    "score_distribution": [
        "score distribution",
        "how are lead scores distributed",
        "histogram of lead scores",
        "how many leads per score band",
        "spread of scores",
        "score buckets",
        "distribution of scores in {num} bins",
    ],
    "search_notes": [
        "find notes mentioning {topic}",
        "who talked about {topic}",
        "search notes for {topic}",
        "which calls mentioned {topic}",
        "did anyone mention {topic}",
        "notes about {topic} with {first} {last}",
        "search activity text for {topic}",
        "where did we discuss {topic}",
        "find mentions of {company} in notes",
    ],
}

OUT_OF_SCOPE = [
    "what's the weather tomorrow",
    "will it rain in London",
    "tell me a joke",
    "write me a poem about cats",
    "who won the world cup",
    "what is the capital of France",
    "how tall is the Eiffel tower",
    "write a python function to reverse a list",
    "fix my javascript bug",
    "how do I center a div",
    "what's 17 times 23",
    "translate hello into Spanish",
    "who is the president of the US",
    "recommend a good movie",
    "what should I cook tonight",
    "how are you feeling",
    "do you like music",
    "what's the meaning of life",
    "sing me a song",
    "what time is it in Tokyo",
    "book me a flight to Paris",
    "order a pizza",
    "what's the bitcoin price",
    "explain quantum physics",
    "who wrote Hamlet",
    "how many calories in an apple",
    "what's your favorite color",
    "play some jazz",
    "tell me a fun fact",
    "what is machine learning",
    "write a SQL query to drop a table",
    "how do I install docker",
    "what's the score of the game",
    "help me with my homework",
    "is the stock market up today",
    "how far is the moon",
    "give me a recipe for pancakes",
    "what's the news today",
    "are you sentient",
    "can you write an essay about climate change",
    "what's the best programming language",
    "how do I lose weight",
    "summarize the plot of star wars",
    "teach me french",
    "who invented the telephone",
    "what year did ww2 end",
    "i'm bored",
    "lol",
    "tell me something interesting",
    "what's up with the traffic",
    "write a haiku",
    "what's the exchange rate of euro to dollar",
    "solve x^2 = 9",
    "debug this regex",
    "how's the weather looking this weekend",
    "recommend a book",
    "who is taylor swift",
    "what's the population of canada",
    "knock knock",
    "can you dance",
    "how to make cold brew coffee",
    "convert 5 miles to km",
    "what day is christmas on",
    "write me a cover letter",
    "any good podcasts?",
    "why is the sky blue",
    "what's your name",
    "are you chatgpt",
    "generate a random number",
    "set an alarm for 7am",
    "text my mom",
    "turn on the lights",
    "what's the best pizza place nearby",
    "is it going to snow",
    "give me a motivational quote",
    "how do vaccines work",
    "write a limerick",
    "explain blockchain",
    "how do I use git rebase",
    "what's the speed of light",
    "tell me a riddle",
]

GREETING = [
    "hi",
    "hello",
    "hey there",
    "good morning",
    "what can you do",
    "help",
    "how does this work",
    "what are you able to help with",
    "hey leadloom",
    "yo",
    "hi, who are you",
    "thanks",
    "thank you!",
    "cheers",
    "ok thanks",
    "what commands can I use",
    "how can you help me",
    "good afternoon",
    "hello?",
    "what kinds of things can I ask",
    "show me what you can do",
    "great, thanks",
    "morning!",
    "hiya",
    "help me get started",
    "i'm new here, what do i do",
    "ok",
    "cool",
    "bye",
    "see you",
]

FILLERS_PRE = [
    "",
    "",
    "",
    "",
    "can you ",
    "please ",
    "pls ",
    "hey, ",
    "could you ",
    "I need to ",
    "quick one: ",
    "hi, ",
    "I'd like to ",
    "would you ",
    "um ",
    "ok so ",
]
FILLERS_POST = ["", "", "", "", " please", " thanks", " asap", "?", " pls", " for me", "!", " thx"]
_AMBIG_PRE = re.compile(r"^(who|what|which|when|how|is|are|does|do|any|whats|where|did|why)\b")


def _typo(r: random.Random, text: str) -> str:
    words = text.split()
    cand = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not cand:
        return text
    i = r.choice(cand)
    w = words[i]
    k = r.randint(1, len(w) - 2)
    op = r.random()
    if op < 0.4:
        w = w[:k] + w[k + 1 :]
    elif op < 0.7:
        w = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
    else:
        w = w[:k] + w[k] + w[k:]
    words[i] = w
    return " ".join(words)


def _fill(r: random.Random, template: str) -> str:
    first, first2 = r.sample(FIRST, 2)
    last, last2 = r.sample(LAST, 2)
    company, company2 = r.sample(COMPANY, 2)
    slots = {
        "first": first,
        "first2": first2,
        "last": last,
        "last2": last2,
        "company": company,
        "company2": company2,
        "stage": r.choice(STAGE),
        "dealstage": r.choice(DEAL_STAGE),
        "owner": r.choice(OWNER),
        "tag": r.choice(TAG),
        "source": r.choice(SOURCE),
        "date": r.choice(DATE),
        "since": r.choice(SINCE),
        "sincedate": r.choice(["september 27", "last month", "june", "two weeks ago", "10/01", "march"]),
        "num": r.choice(NUM),
        "limit": r.choice(LIMIT),
        "amount": r.choice(AMOUNT),
        "product": r.choice(PRODUCT),
        "title": r.choice(TITLE),
        "industry": r.choice(INDUSTRY),
        "segment": r.choice(SEGMENT),
        "campaign": r.choice(CAMPAIGN),
        "topic": r.choice(TOPIC),
        "period": r.choice(PERIOD),
        "act": r.choice(ACT),
        "email": _email(r, first, last),
        "phone": _phone(r),
        "domain": company.lower().replace(" ", "") + r.choice([".com", ".io", ".co"]),
    }
    return template.format(**slots)


def _noise(r: random.Random, text: str) -> str:
    if not _AMBIG_PRE.match(text.lower()):
        text = r.choice(FILLERS_PRE) + text
    text = text + r.choice(FILLERS_POST)
    roll = r.random()
    if roll < 0.35:
        text = text.lower()
    elif roll < 0.45:
        text = text.rstrip("?!.")
    if r.random() < 0.25:
        text = _typo(r, text)
    return re.sub(r"\s+", " ", text).strip()


def generate() -> dict[str, list[dict[str, str]]]:
    """Utterances grouped by output file (one file per specialist plus chatter)."""
    r = random.Random(SEED)
    files: dict[str, list[dict[str, str]]] = {
        "contacts": [],
        "scoring": [],
        "campaigns": [],
        "analytics": [],
        "chatter": [],
    }
    from leadloom.agents.local.intents import SPECIALIST_OF

    for label, templates in T.items():
        seen: set[str] = set()
        items = [t for t in templates if "{" not in t]  # fixed phrasings go in once, unnoised
        tries = 0
        while len(items) < PER_LABEL + len(templates) // 2 and tries < 2000:
            tries += 1
            text = _noise(r, _fill(r, r.choice(templates)))
            if text.lower() not in seen:
                seen.add(text.lower())
                items.append(text)
        files[SPECIALIST_OF[label]].extend({"text": t, "label": label} for t in items)
    for label, pool in (("out_of_scope", OUT_OF_SCOPE), ("greeting", GREETING)):
        items = list(pool)
        for t in pool:  # noisy variants so casing and typos do not decide the class
            if r.random() < 0.6:
                items.append(_noise(r, t) if label == "out_of_scope" else t.lower().rstrip("!?."))
        files["chatter"].extend({"text": t, "label": label} for t in dict.fromkeys(items))
    return files


def main() -> None:
    files = generate()
    total = 0
    for name, rows in files.items():
        path = HERE / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        total += len(rows)
    print(f"wrote {total} utterances to {HERE}")


if __name__ == "__main__":
    main()
