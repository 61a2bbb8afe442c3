"""Round eleven: chatter that names a client in passing ("<client> asked me for a good book, any recs?", the weather
for a client lunch, a currency sum, a plot summary, a speech) is declined; a first name several contacts share is
told apart by a surname said elsewhere ("(Bamford not Holt)") or passed on with the company, even typed in lower
case; "is officially a customer"; a new title or employer told before the field is named ("she's Practice
Administrator now, can you update her title"); "phone tag" is no tag. Examples are our own, written for this
vocabulary."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import specialist_specs
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import declined as _declined
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Nadia Petrova", "email": "nadia@kilnworks.test"},
        {"name": "Tom Okafor", "email": "tom@kilnworks.test"},
        {"name": "Rosa Lima", "email": "rosa@kilnworks.test"},
    ],
    "tags": ["hot-lead", "website-build", "seo", "needs-quote", "franchise-prospect"],
    "lead_sources": ["website", "referral", "trade-show", "cold-call"],
    "companies": [
        "Red Kiln Brewery",
        "Harbourside Dental",
        "Northgate Physio",
        "Copper Pot Bakery",
        "Leeds Metropolitan College",
        "Wharfedale Rovers FC",
    ],
    "contacts": [
        "Jamie Hargrove",
        "Jamie Oyelaran",
        "Katie Brennan",
        "Katie Hollis",
        "Dana Whitcombe",
        "Lorenzo Bassi",
        "Priti Chaudhary",
        "Gabe Lindahl",
        "Stephanie Marsh",
        "Marcus Obi",
    ],
    "country": "GB",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    "text",
    [
        "Dana Whitcombe asked me for a decent podcast about running a clinic, any recs?",
        "what's the weather like on saturday? we're taking Lorenzo Bassi out on the boat",
        "can you order pizza for the office, Priti Chaudhary is coming in at 1",
        "Gabe Lindahl says there's a great tapas place near Northgate, any recommendations around there?",
        "convert 4,200 EUR to GBP",
        "summarise the plot of Succession in two lines, Lorenzo Bassi keeps quoting it",
        "write a retirement speech for my dad, he's a Harbourside Dental patient of 30 years",
        "translate 'book your check-up today' into Polish for the Harbourside Dental poster",
        "good brunch spot near the harbour thats quick? taking Gabe Lindahl",
        "Marcus Obi is asking if he should lease or buy his van, what would u tell him",
        "Priti Chaudhary asked me the difference between an LLC and a sole trader, how would u explain it simply",
        "can you book us a table at Copper Pot for Friday at 8",
        "Dana Whitcombe's husband is in hospital, what's a nice gift I could send that isn't just flowers?",
        "give me the list of bank holidays for the rest of the year, need to plan closures",
        "regex for a UK mobile number pls",
    ],
)
def test_chatter_naming_a_client_in_passing_is_declined(model: LocalChatModel, text: str) -> None:
    assert _declined(model, text), text


def test_a_crm_instruction_beside_such_chatter_is_still_done(model: LocalChatModel) -> None:
    assert not _declined(model, "log that Dana Whitcombe asked me for podcast recs")


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("katie at northgate (Hollis not Brennan) is sql now, budget confirmed", "Katie Hollis"),
        ("jamie from the brewery (oyelaran) is a lead now, replied to the mailer", "Jamie Oyelaran"),
    ],
)
def test_a_shared_first_name_is_told_apart_by_a_surname_said_elsewhere(
    model: LocalChatModel, text: str, contact: str
) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "update_contact" and args["contact"] == contact, args


def test_a_shared_first_name_in_lower_case_goes_with_the_company(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "jamie at red kiln signed the order!! move him to customer pls")
    assert (name, args) == (
        "update_contact",
        {"contact": "Jamie at Red Kiln Brewery", "changes": {"stage": "customer"}},
    )


def test_officially_a_customer(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Katie from Harbourside Dental is officially a customer!!")
    assert (name, args) == (
        "update_contact",
        {"contact": "Katie at Harbourside Dental", "changes": {"stage": "customer"}},
    )


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        (
            "Gabe Lindahl left Copper Pot and is over at Northgate Physio now, update his company pls",
            {"company": "Northgate Physio"},
        ),
        (
            "Priti Chaudhary got promoted! she's Head of Operations now, can you update her title",
            {"title": "Head of Operations"},
        ),
        (
            "Lorenzo Bassi: new title Managing Director, new number 07700 900 123",
            {"title": "Managing Director", "phone": "07700 900 123"},
        ),
    ],
)
def test_a_new_value_told_before_the_field_is_named(model: LocalChatModel, text: str, changes: dict[str, Any]) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "update_contact" and args["changes"] == changes, args


def test_phone_tag_is_not_a_tag(model: LocalChatModel) -> None:
    text = "two weeks of phone tag with her office but Dana's finally in! can you mark Dana as a customer?"
    (name, args), *_ = _calls(model, text)
    assert (name, args) == ("update_contact", {"contact": "Dana Whitcombe", "changes": {"stage": "customer"}})


def _created(model: LocalChatModel, text: str) -> dict[str, Any]:
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact", (text, name, args)
    return args


def test_a_new_company_said_as_a_list_item_is_found_by_the_address_domain(model: LocalChatModel) -> None:
    args = _created(model, "new lead: Mary Jo Pruitt, Pruitt Veterinary, (614) 555-0142, mj@pruittvet.com, cold call")
    assert args["company"] == "Pruitt Veterinary" and args["first_name"] == "Mary Jo", args
    # a list item the domain does not spell is not taken for the employer
    args = _created(model, "new lead: Mary Jo Pruitt, Columbus, (614) 555-0142, mj@pruittvet.com")
    assert "company" not in args, args


def test_the_employer_and_the_job_said_possessively(model: LocalChatModel) -> None:
    args = _created(model, "New one! Ines Falk is Copper Pot Bakery's new events coordinator, ines@copperpot.test")
    assert (args["company"], args["title"]) == ("Copper Pot Bakery", "events coordinator"), args


def test_the_department_someone_runs_is_not_their_employer(model: LocalChatModel) -> None:
    args = _created(model, "Met Ola Nyberg at the fair, he runs HR at Fjord Shipping Lines. ola@fjord.test. MQL")
    assert args["company"] == "Fjord Shipping Lines", args


def test_an_employer_ends_where_the_story_starts(model: LocalChatModel) -> None:
    args = _created(
        model, "add Sam Reid, sam@reid.test — she's the office manager at Tayside Motors and asked about rates"
    )
    assert args["company"] == "Tayside Motors", args


def test_a_dictated_employer_in_lower_case(model: LocalChatModel) -> None:
    text = "add a new contact called ellie ward she's events manager at leeds arena her number is 0113 555 0101"
    args = _created(model, text)
    assert (args["company"], args["title"].lower()) == ("Leeds Arena", "events manager"), args


def test_the_start_of_a_known_company_is_not_the_new_person(model: LocalChatModel) -> None:
    text = (
        "got a card off a lad at the Red Kiln taproom launch: Olly Barton, Head Brewer, Red Kiln Brewery, 07700 900 604"
    )
    args = _created(model, text)
    assert (args["first_name"], args["last_name"], args["company"]) == ("Olly", "Barton", "Red Kiln Brewery"), args


@pytest.mark.parametrize(
    ("text", "stage", "source"),
    [
        (
            "New contact: Una Boyle, owner of Boyle Bikes, una@boylebikes.test. lead from the trade show",
            "lead",
            "trade-show",
        ),
        (
            "pls add Ivo Marsh, ivo@marsh.test, he walked into the shop asking about prices. seo tag + lead",
            "lead",
            None,
        ),
        ("add Lea Fink, lea@fink.test, he got our name from Dana at Northgate so referral", None, "referral"),
    ],
)
def test_stage_and_source_said_in_passing(
    model: LocalChatModel, text: str, stage: str | None, source: str | None
) -> None:
    args = _created(model, text)
    assert args.get("stage") == stage and args.get("lead_source") == source, args


def test_the_gatekeeper_so_tag_her_is_one_tag(model: LocalChatModel) -> None:
    args = _created(model, "add Gemma Hill, gemma@hill.test. she's the gatekeeper so tag her seo for now")
    assert args["tags"] == ["seo"], args


@pytest.mark.parametrize(
    ("text", "filters", "changes"),
    [
        (
            "anyone tagged needs-quote that we haven't touched in 90 days → disqualified",
            {"tag": "needs-quote", "not_contacted_since": "2026-08-28"},
            {"stage": "disqualified"},
        ),
        (
            "anybody who's a customer but still has the needs-quote tag, take that tag off",
            {"stage": "customer", "tag": "needs-quote"},
            {"tags_remove": ["needs-quote"]},
        ),
        (
            "anything from cold call with a score of 15 or less - disqualify the lot",
            {"lead_source": "cold-call", "max_score": 15},
            {"stage": "disqualified"},
        ),
        (
            "Tom's off to the Leeds office end of the month. Move all his contacts over to Rosa please",
            {"owner": "Tom Okafor"},
            {"owner": "Rosa Lima"},
        ),
    ],
)
def test_bulk_changes_said_loosely(
    model: LocalChatModel, text: str, filters: dict[str, Any], changes: dict[str, Any]
) -> None:
    (name, args), *_ = _calls(model, text)
    assert (name, args) == ("bulk_update_contacts", {"filters": filters, "changes": changes}), args


def test_a_reason_after_a_bulk_delete_is_no_company(model: LocalChatModel) -> None:
    text = "delete all contacts tagged seo created before 2025-06-01, they're junk from the old flyer promo"
    (name, args), *_ = _calls(model, text)
    assert (name, args) == ("delete_contacts", {"filters": {"tag": "seo", "created_before": "2025-06-01"}}), args


def test_french_referrals_owners_moves_and_questions(model: LocalChatModel) -> None:
    args = _created(
        model,
        "Ajoute svp : Hugo Bélanger, hugo@belanger.test, référé par Dana Whitcombe. Stage lead, owner moi. Merci!",
    )
    assert (args["lead_source"], args["owner"], args["stage"]) == ("referral", "me", "lead"), args
    (name, args), *_ = _calls(model, "Priti Chaudhary : passer à SQL. Elle veut un devis, je m'en occupe demain")
    assert (name, args) == ("update_contact", {"contact": "Priti Chaudhary", "changes": {"stage": "sql"}})
    (name, args), *_ = _calls(
        model, "Rosa prend tous les contacts tagués seo à partir d'aujourd'hui, change le owner svp"
    )
    assert (name, args) == ("bulk_update_contacts", {"filters": {"tag": "seo"}, "changes": {"owner": "Rosa Lima"}})
    (name, args), *_ = _calls(model, "c'est quoi le courriel de Gabe Lindahl déjà?")
    assert (name, args) == ("get_contact", {"contact": "Gabe Lindahl"})


def _one(model: LocalChatModel, text: str) -> tuple[str, dict[str, Any]]:
    (name, args), *_ = _calls(model, text)
    return name, args


def test_a_short_first_name_with_a_surname(model: LocalChatModel) -> None:
    assert _one(model, "any open tasks on steph marsh?") == (
        "list_tasks",
        {"status": "open", "contact": "Stephanie Marsh"},
    )
    assert _one(model, "steph marsh — CUSTOMER!! launch night is ON 🔥") == (
        "update_contact",
        {"contact": "Stephanie Marsh", "changes": {"stage": "customer"}},
    )


def test_swapping_one_tag_for_another_names_no_one_after_for(model: LocalChatModel) -> None:
    name, args = _one(model, "gabe lindahl - swap seo tag for website-build, they've moved it to the spring launch")
    assert (name, args["contact"]) == ("update_contact", "Gabe Lindahl"), args
    assert args["changes"] == {"tags_remove": ["seo"], "tags_add": ["website-build"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("whats marcus obi's mobile, need to ring him in 5", ("get_contact", {"contact": "Marcus Obi"})),
        ("what's Priti Chaudhary's score and who's her owner?", ("get_contact", {"contact": "Priti Chaudhary"})),
        ("who do we have at Northgate Physio?", ("search_contacts", {"company": "Northgate Physio"})),
        ("show me everyone we've got at wharfedale rovers", ("search_contacts", {"company": "Wharfedale Rovers FC"})),
    ],
)
def test_questions(model: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]) -> None:
    assert _one(model, text) == expected


def test_football_chatter_about_a_client_is_still_declined(model: LocalChatModel) -> None:
    assert _declined(model, "Olly at Wharfedale Rovers reckons they'll go up next season, is he dreaming or what")


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        (
            "gabe lindahl said no, gone in house. disqualified? nah actually churned, they were a client last yr",
            {"stage": "churned"},
        ),
        (
            "Marcus Obi - pls mark disqualified, his company's based in Oslo and we've no office there",
            {"stage": "disqualified"},
        ),
        (
            "Dana Whitcombe loved the mockups and wants a contract. I'd call that an opportunity, wouldn't you?",
            {"stage": "opportunity"},
        ),
        ("remove the seo tag from dana whitcombe we sent the audit over yesterday", {"tags_remove": ["seo"]}),
        (
            "Dana Whitcombe said texting her is fine but no more marketing emails please",
            {"sms_consent": True, "email_consent": False},
        ),
        (
            "Dana Whitcombe is away all week. Can we push her follow-up to end of next week instead?",
            {"next_follow_up": "2026-12-04"},
        ),
    ],
)
def test_changes_said_around_a_story(model: LocalChatModel, text: str, changes: dict[str, Any]) -> None:
    name, args = _one(model, text)
    assert name == "update_contact" and args["changes"] == changes, args


def test_in_the_last_week_is_the_seven_days_up_to_today(model: LocalChatModel) -> None:
    assert _one(model, "who's been added in the last week? newest first") == (
        "search_contacts",
        {"created_after": "2026-11-19", "sort_by": "-created_at"},
    )


def test_new_contacts_taken_and_told_by_company_initials(model: LocalChatModel) -> None:
    args = _created(model, "Add Ines Moss, ines@moss.test, Copper Pot Bakery — I'm taking this one. Stage lead")
    assert args["owner"] == "me", args
    args = _created(model, "create contact ravi shah, head of student experience at LMC, r.shah@lmc.test, lead")
    assert args["company"] == "Leeds Metropolitan College", args
    args = _created(
        model, "add Yusuf Ali – sports officer at Leeds Metropolitan College students union, yusuf@lmc.test"
    )
    assert args["company"] == "Leeds Metropolitan College", args


def test_titles_from_forms_bars_and_signatures(model: LocalChatModel) -> None:
    args = _created(
        model, "Please add Rohan Mehta: rohan@mehta.test, company Mehta Holdings, title Managing Partner. stage SQL"
    )
    assert args["title"] == "Managing Partner", args
    args = _created(
        model, "create contact: Ana Cruz | Senior Manager, Total Rewards | Cruz Insurance | ana@cruz.test | stage: mql"
    )
    assert args["title"] == "Senior Manager, Total Rewards", args
    text = "add this one pls, mql 👇\n\nOwen Pike, MD\nMedical Director | Pike Dermatology\nowen@pikederm.test"
    assert _created(model, text)["title"] == "Medical Director"
    text = (
        "new contact pls:\n\nHolly Marsden\nHead of Brand Experience\nBlackstone Brewing Co.\nE: holly@blackstone.test"
    )
    assert _created(model, text)["company"] == "Blackstone Brewing Co."


def test_a_signature_with_the_name_and_the_job_on_one_line(model: LocalChatModel) -> None:
    text = (
        "can u set up a contact for this person pls, they want a stall at the Leeds Arena\n\n--\n"
        "Ivy Marlow | Events Lead\nKiln & Co Candles\n07700 900 871\nivy@kilnco.test"
    )
    args = _created(model, text)
    assert (args["first_name"], args["title"], args["company"]) == ("Ivy", "Events Lead", "Kiln & Co Candles"), args


def test_this_fella_is_the_known_contact_of_the_signature_below(model: LocalChatModel) -> None:
    text = "can u move this fella to sql, proper keen\n\nMarcus Obi\nHead of Hospitality\nWharfedale Rovers FC"
    assert _one(model, text) == ("update_contact", {"contact": "Marcus Obi", "changes": {"stage": "sql"}})


def test_deals_set_to_close_and_named_after_a_colon(model: LocalChatModel) -> None:
    assert _one(model, "what deals are set to close before the end of the month?") == (
        "list_deals",
        {"status": "open", "closing_before": "2026-11-30"},
    )
    name, args = _one(model, "New deal please: Copper Pot Bakery – Winter Menu Shoot, £4k, contact Dana Whitcombe.")
    assert (name, args["name"]) == ("create_deal", "Copper Pot Bakery – Winter Menu Shoot"), args


def test_log_the_call_with_a_question_mark_typed_after_it(model: LocalChatModel) -> None:
    text = "Can you update Dana Whitcombe to opportunity and log the call I just had with her? Talked ~20 min."
    (first, _), (second, args) = _calls(model, text)[:2]
    assert (first, second, args["type"]) == ("update_contact", "log_activity", "call"), args
    name, args = _one(model, "log a meeting with Dana Whitcombe today — toured the bakery, talked about fees")
    assert (name, args["type"]) == ("log_activity", "meeting"), args


def test_a_tag_that_names_the_stage_word_is_no_stage(model: LocalChatModel) -> None:
    assert _one(model, "list the franchise prospects with a score of 60+, highest first") == (
        "search_contacts",
        {"tag": "franchise-prospect", "min_score": 60, "sort_by": "-score"},
    )


def test_the_reason_after_a_question_is_no_second_request(model: LocalChatModel) -> None:
    assert _one(model, "Which opportunities haven't we talked to in 60 days? Don't want anything going stale") == (
        "search_contacts",
        {"stage": "opportunity", "not_contacted_since": "2026-09-27"},
    )
    assert _one(model, "who's Marcus Obi's owner? need to call him back about the invoice") == (
        "get_contact",
        {"contact": "Marcus Obi"},
    )


def test_follow_ups_due_today_or_already_overdue_include_today(model: LocalChatModel) -> None:
    assert _one(model, "Which of Rosa's contacts have a follow-up due today or already overdue?") == (
        "search_contacts",
        {"owner": "Rosa Lima", "follow_up_before": "2026-11-26"},
    )


def test_an_unquoted_subject_line_and_my_contact_from(model: LocalChatModel) -> None:
    text = "draft an email campaign called 'Spring Bake' to everyone tagged seo, subject line: Fresh from the oven 🥐"
    msg = model.respond([HumanMessage(text)], specialist_specs("campaigns"))
    call = msg.tool_calls[0]
    assert (call["name"], call["args"]["subject"]) == ("draft_campaign", "Fresh from the oven 🥐"), call
    args = _created(model, "add my contact from Copper Pot Bakery — Ola Berg, ola@copperpot.test, Head of People")
    assert (args["first_name"], args["company"], args["title"]) == ("Ola", "Copper Pot Bakery", "Head of People")


VOCAB_MX = {
    "users": [
        {"name": "Lupita Garza", "email": "lupita@norteleads.test"},
        {"name": "Carlos Treviño", "email": "carlos@norteleads.test"},
    ],
    "tags": ["hot-lead", "logistica", "acero"],
    "lead_sources": ["website", "referral", "expo-industrial"],
    "companies": ["Aceros del Norte", "Grupo Transportes Regios", "Plásticos Cumbres"],
    "contacts": ["Mario Cantú", "Andrea Treviño Salinas", "Roberto Salinas", "Pedro Ruiz", "Juan Pérez"],
    "country": "MX",
}


@pytest.fixture(scope="module")
def model_mx() -> LocalChatModel:
    return model_for(VOCAB_MX)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "cambia a Juan Pérez a opportunity porfa",
            ("update_contact", {"contact": "Juan Pérez", "changes": {"stage": "opportunity"}}),
        ),
        (
            "actualiza el correo de Mario Cantú a mario@aceros.mx",
            ("update_contact", {"contact": "Mario Cantú", "changes": {"email": "mario@aceros.mx"}}),
        ),
        ("¿quién tiene a Roberto Salinas?", ("get_contact", {"contact": "Roberto Salinas"})),
        ("cuál es el cel de Andrea Treviño?", ("get_contact", {"contact": "Andrea Treviño Salinas"})),
        (
            "todos los prospectos con score mayor a 70 pásalos a mql",
            ("bulk_update_contacts", {"filters": {"stage": "lead", "min_score": 70}, "changes": {"stage": "mql"}}),
        ),
        ("borra a todos los de Plásticos Cumbres", ("delete_contacts", {"filters": {"company": "Plásticos Cumbres"}})),
    ],
)
def test_mexican_spanish_requests(model_mx: LocalChatModel, text: str, expected: tuple[str, dict[str, Any]]) -> None:
    assert _one(model_mx, text) == expected


def test_mexican_spanish_new_contact_and_chatter(model_mx: LocalChatModel) -> None:
    args = _created(
        model_mx, "da de alta a Javier Leal, javier@transregios.mx, de Grupo Transportes Regios, lo tomo yo"
    )
    assert (args["first_name"], args["company"], args["owner"]) == ("Javier", "Grupo Transportes Regios", "me"), args
    assert _declined(model_mx, "qué tal el clima en Monterrey mañana?")
