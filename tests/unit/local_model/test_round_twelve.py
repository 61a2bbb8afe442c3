"""Round twelve: a date ruled out beside the one asked for ("tomorrow instead of today"), a follow-up whose reason
has a date of its own, "anyone from X in the system?", a new title said with a new employer, a tag taken off or
put on in a few more word orders, "add this gentleman as a new contact", everyday chatter (a coding question,
opening hours, sports trivia, proofreading, a market forecast), an SMS campaign with its text quoted, Spanish
nicknames and double surnames, and Spanish "de" for where someone works. Examples are our own, written for this
vocabulary (today is Thursday 2026-11-26)."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage, ToolMessage

from leadloom.agents.local import LocalChatModel
from leadloom.agents.local.contract import specialist_specs
from leadloom.agents.local.spanish import from_spanish
from tests.unit.local_model.conftest import contact_calls as _calls
from tests.unit.local_model.conftest import declined as _declined
from tests.unit.local_model.conftest import model_for

VOCAB = {
    "users": [
        {"name": "Ines Carvalho", "email": "ines@ferrolmedia.test"},
        {"name": "Owen Price", "email": "owen@ferrolmedia.test"},
        {"name": "Lucia Romero", "email": "lucia@ferrolmedia.test"},
    ],
    "tags": ["hot-lead", "brand-refresh", "paid-social", "needs-quote", "vip"],
    "lead_sources": ["website", "referral", "webinar", "cold-email"],
    "companies": [
        "Kestrel Media Partners",
        "Bodega Las Arenas",
        "Tidewater Clinics",
        "Alder & Finch Studio",
        "Cervecería Puerto Viejo",
    ],
    "contacts": [
        "José Navarro",
        "Francisco Ortega Ruiz",
        "María José Lorente",
        "Maria Holt",
        "Michael O'Leary",
        "Guadalupe Ibarra",
        "Jessica Pardo",
        "Jessica Whitlow",
        "Tariq Bell",
        "Hannah Osei",
        "Colm Brady",
    ],
    "country": "ES",
}


@pytest.fixture(scope="module")
def model() -> LocalChatModel:
    return model_for(VOCAB)


@pytest.mark.parametrize(
    "text",
    [
        "Hannah Osei follow up tomorrow instead of today, she's at a conference all day",
        "tariq bell f/u tmrw not today, he's driving till 7",
        "colm brady: follow-up tomorrow rather than today pls",
    ],
)
def test_the_date_ruled_out_is_not_the_follow_up(model: LocalChatModel, text: str) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "update_contact" and args["changes"] == {"next_follow_up": "2026-11-27"}, args


def test_a_follow_up_date_beside_a_reason_with_its_own_date(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model, "move the follow-up for Hannah Osei to 3rd Dec please, she's travelling to Lisbon till end of month"
    )
    assert (name, args) == ("update_contact", {"contact": "Hannah Osei", "changes": {"next_follow_up": "2026-12-03"}})


@pytest.mark.parametrize(
    "text",
    [
        "do we have anyone from Tidewater Clinics in the system?",
        "whos at kestrel media partners again",
    ],
)
def test_who_is_at_a_company_lists_its_people(model: LocalChatModel, text: str) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "search_contacts" and args.get("company") in ("Tidewater Clinics", "Kestrel Media Partners"), args
    assert "lead_source" not in args  # "partners" names the company, not the generic source "partner"


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        (
            "Colm Brady company is Alder & Finch Studio now and title Creative Director",
            {"company": "Alder & Finch Studio", "title": "Creative Director"},
        ),
        (
            "hannah osei moved over to tidewater clinics she's their new marketing manager update company and title",
            {"company": "Tidewater Clinics", "title": "marketing manager"},
        ),
    ],
)
def test_a_new_title_said_with_a_new_employer(model: LocalChatModel, text: str, changes: dict[str, str]) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "update_contact" and args["changes"] == changes, args


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        (
            "tariq bell take the hot lead tag off he's gone quiet, and set his follow up for december 10",
            {"tags_remove": ["hot-lead"], "next_follow_up": "2026-12-10"},
        ),
        (
            "add brand refresh tag to Hannah Osei and remove the needs-quote one, she signed",
            {"tags_add": ["brand-refresh"], "tags_remove": ["needs-quote"]},
        ),
    ],
)
def test_tags_taken_off_and_put_on(model: LocalChatModel, text: str, changes: dict[str, list[str]]) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "update_contact" and args["changes"] == changes, args


def test_tag_everyone_selected_as_a_known_tag(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Tag everyone with a score of 75 or more as hot-lead")
    assert (name, args) == (
        "bulk_update_contacts",
        {"filters": {"min_score": 75}, "changes": {"tags_add": ["hot-lead"]}},
    )


def test_add_this_gentleman_as_a_new_contact(model: LocalChatModel) -> None:
    text = (
        "Good morning! Please add this gentleman as a new contact. He found us on the website:\n\n"
        "Rafael Montoya\nOperations Manager\nTidewater Clinics\nrmontoya@tidewaterclinics.test\n\n"
        "Please assign him to Owen and set a follow-up for Monday."
    )
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact", (name, args)
    assert (args["first_name"], args["last_name"], args["owner"]) == ("Rafael", "Montoya", "Owen Price"), args
    assert args["company"] == "Tidewater Clinics" and args["next_follow_up"] == "2026-11-30", args


@pytest.mark.parametrize(
    "text",
    [
        "quick python q: how do I sort a dict by value?",
        "is the post office on Calle Mayor open on Sundays? need to send a parcel for Tariq Bell",
        "Colm Brady asked me who won the all-ireland final in 1998, do u know who the captain was",
        "can you proofread my LinkedIn headline? 'Growth marketer who loves local buisness'",
        "do you think house prices in Valencia will drop next year? Hannah Osei keeps asking me",
    ],
)
def test_everyday_chatter_naming_a_client_is_declined(model: LocalChatModel, text: str) -> None:
    assert _declined(model, text), text


def test_an_sms_campaign_with_its_text_quoted(model: LocalChatModel) -> None:
    msg = model.respond(
        [
            HumanMessage(
                "Draft an SMS campaign to the Paid social leads segment, call it Winter Ads Offer. "
                'Text: "Ferrol Media: 15% off your first month of ads, reply YES to book a call."'
            )
        ],
        specialist_specs("campaigns"),
    )
    [call] = msg.tool_calls
    assert call["name"] == "draft_campaign", call
    assert call["args"]["name"] == "Winter Ads Offer" and call["args"]["channel"] == "sms", call["args"]
    assert call["args"]["body"] == "Ferrol Media: 15% off your first month of ads, reply YES to book a call."


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("Pepe Navarro ya es cliente!! firmó hoy", "José Navarro"),
        ("Lupita Ibarra → MQL pls", "Guadalupe Ibarra"),
        ("Mike O'Leary churned, they cancelled the retainer", "Michael O'Leary"),
        ("cambia a Paco Ortega a opportunity porfa", "Francisco Ortega Ruiz"),
    ],
)
def test_spanish_nicknames_and_double_surnames(model: LocalChatModel, text: str, contact: str) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "update_contact" and args["contact"] == contact, args


def test_a_second_given_name_is_not_read_as_a_surname(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Maria at Kestrel (Holt, not María José!!) wants a call back tomorrow")
    assert name == "update_contact" and args["contact"] == "Maria Holt", args


def test_spanish_de_says_where_a_shared_first_name_works(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Jessica de Bodega Las Arenas -> customer. contrato firmado hoy")
    assert (name, args) == (
        "update_contact",
        {"contact": "Jessica at Bodega Las Arenas", "changes": {"stage": "customer"}},
    )


def test_a_surname_alone_names_its_one_contact(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Brady now SQL. Budget approved, he comes in Monday to see the studio.")
    assert (name, args) == ("update_contact", {"contact": "Colm Brady", "changes": {"stage": "sql"}})


def test_disqualify_her_is_a_person_not_a_deal(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Osei isn't buying. Disqualify her.")
    assert (name, args) == ("update_contact", {"contact": "Hannah Osei", "changes": {"stage": "disqualified"}})


def test_new_details_email_and_phone(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Tariq Bell sent his new details: tariq@bellworks.test and mobile +34 612 345 678")
    assert name == "update_contact" and args["contact"] == "Tariq Bell", args
    assert args["changes"] == {"email": "tariq@bellworks.test", "phone": "+34 612 345 678"}


def test_remove_her_from_the_crm_deletes(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model, "Sad news: Colm Brady passed away last week, his daughter told us. Please remove him from the CRM."
    )
    assert (name, args) == ("delete_contacts", {"contact": "Colm Brady"})


def test_follow_ups_in_the_next_weeks(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "show me everyone tagged vip with a follow-up in the next 3 weeks")
    assert name == "search_contacts", (name, args)
    assert args == {"tag": "vip", "follow_up_after": "2026-11-26", "follow_up_before": "2026-12-17"}


def test_the_call_was_theirs_and_thank_you_is_nobody(model: LocalChatModel) -> None:
    calls = _calls(
        model,
        "Hannah Osei wants to go ahead! I spoke with her an hour ago (she called us). "
        "Please mark her as a customer and log the call. Thank you!",
    )
    assert [n for n, _ in calls] == ["update_contact", "log_activity"], calls
    assert calls[1][1]["contact"] == "Hannah Osei" and calls[1][1]["direction"] == "inbound", calls[1][1]


def test_stop_texting_but_still_emails(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model,
        "Tariq Bell asked us to stop texting him. He would still like emails about his account, just no more "
        "text messages. Could you update his preferences?",
    )
    assert (name, args) == ("update_contact", {"contact": "Tariq Bell", "changes": {"sms_consent": False}})


def test_a_misspelt_tag_for_a_known_contact(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Hannah Osei add tag brnd refresh, we did her logo in 2023 and she wants more")
    assert (name, args) == ("update_contact", {"contact": "Hannah Osei", "changes": {"tags_add": ["brand-refresh"]}})


def test_the_source_said_apart_from_its_field(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "Source for Colm Brady is wrong. Not website. Webinar.")
    assert (name, args) == ("update_contact", {"contact": "Colm Brady", "changes": {"lead_source": "webinar"}})


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("add: Nuria Gil, nuria@gil.test, came from the webinar, HOT 🔥 mine", ["hot-lead"]),
        (
            "New contact: Pol Serra, pol@serra.test, Art Director at Alder & Finch Studio. He's VIP. Owner Lucia.",
            ["vip"],
        ),
        (
            "Please add Mrs. Rosa Vidal, 612 000 111. She runs a big account, so VIP treatment; please tag that.",
            ["vip"],
        ),
    ],
)
def test_tags_said_of_a_new_contact(model: LocalChatModel, text: str, tags: list[str]) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact" and args.get("tags") == tags, args


def test_a_new_contacts_status_should_be(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model,
        "Could you please create a contact for Ms. Marta Soler at Tidewater Clinics, marta@tidewater.test? "
        "She should be owned by Ines, and her status should be opportunity since the project is in discussion.",
    )
    assert name == "create_contact" and args["stage"] == "opportunity" and args["owner"] == "Ines Carvalho", args


def test_hot_weather_and_a_flame_emoji_are_no_tag(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "new lead carla mas 612 555 010 wants a paid social push before it gets hot")
    assert name == "create_contact" and "hot-lead" not in args.get("tags", []), args


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("descalifica a Colm Brady, no tiene presupuesto", "disqualify Colm Brady, no tiene presupuesto"),
        ("la de Tidewater, bájala a suscriptor", "la de Tidewater, move her to subscriber"),
        ("muévele el seguimiento a Hannah al viernes", "move the follow up for Hannah to friday"),
        ("Tariq Bell: agrégale vip y quítale cold", "Tariq Bell: add tag vip and remove tag cold"),
        ("quítale el hot-lead a Colm Brady, ya se enfrió", "remove the hot-lead tag from Colm Brady, ya se enfrió"),
        ("pásame el cel de Hannah Osei", "give me the phone of Hannah Osei"),
        (
            "lista de mis oportunidades ordenadas por score, de mayor a menor",
            "list my opportunities sorted by score, highest first",
        ),
        ("a quién tenemos de Tidewater Clinics?", "who do we have at Tidewater Clinics?"),
        (
            "todos los contactos que vinieron del webinar pásaselos a Owen",
            "all contacts who came from the webinar assign them to Owen",
        ),
    ],
)
def test_spanish_crm_phrases(text: str, english: str) -> None:
    assert from_spanish(text) == english


_DISQUALIFIED = ("update_contact", {"contact": "Tariq Bell", "changes": {"stage": "disqualified"}})
_TAGS = ("update_contact", {"contact": "Hannah Osei", "changes": {"tags_add": ["vip"], "tags_remove": ["needs-quote"]}})
_HANDED = ("bulk_update_contacts", {"filters": {"lead_source": "webinar"}, "changes": {"owner": "Owen Price"}})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("descalifica a Tariq Bell, no tiene budget", _DISQUALIFIED),
        ("Hannah Osei: agrégale vip y quítale needs-quote", _TAGS),
        ("todos los contactos que vinieron del webinar pásaselos a Owen", _HANDED),
    ],
)
def test_spanish_requests_do_what_they_say(model: LocalChatModel, text: str, expected: tuple) -> None:
    (name, args), *_ = _calls(model, text)
    assert (name, args) == expected


MX_VOCAB = {**VOCAB, "country": "MX"}


@pytest.fixture(scope="module")
def mx_model() -> LocalChatModel:
    return model_for(MX_VOCAB)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Agrega a Ramiro Salazar Ortiz, ramiro@tidewater.test, ponlo como lead", "Ramiro", "Salazar Ortiz"),
        ("Da de alta a Luis Alberto Cantú, 81 5555 1212", "Luis Alberto", "Cantú"),
    ],
)
def test_two_family_names_where_people_carry_them(mx_model: LocalChatModel, text: str, first: str, last: str) -> None:
    (name, args), *_ = _calls(mx_model, text)
    assert name == "create_contact" and (args["first_name"], args["last_name"]) == (first, last), args


def test_three_names_elsewhere_keep_the_last_as_surname(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add Mary Beth Flanagan, mb@flanagan.test, phone 555 0101")  # country ES
    assert name == "create_contact" and (args["first_name"], args["last_name"]) == ("Mary Beth", "Flanagan"), args


def test_spanish_owner_phrases(mx_model: LocalChatModel) -> None:
    (name, args), *_ = _calls(mx_model, "Agrega a Nuria Gil, nuria@gil.test. Seguimiento el lunes y que la lleve Lucia")
    assert name == "create_contact" and args["owner"] == "Lucia Romero", args
    (name, args), *_ = _calls(mx_model, "Agrega a Pol Serra, pol@serra.test, ponlo como lead y a mi nombre")
    assert name == "create_contact" and args["owner"] == "me" and args["stage"] == "lead", args


MX_PEOPLE = {**MX_VOCAB, "contacts": [*MX_VOCAB["contacts"], "María Fernanda Treviño", "José Ángel Martínez Duarte"]}


@pytest.fixture(scope="module")
def mx_people() -> LocalChatModel:
    return model_for(MX_PEOPLE)


@pytest.mark.parametrize(
    ("text", "contact", "stage"),
    [
        (
            "oye la de Bodega Las Arenas, María Fernanda, ya pasó a oportunidad. le mandé cotización",
            "María Fernanda Treviño",
            "opportunity",
        ),
        ("el de Tidewater, José Ángel, ya es SQL", "José Ángel Martínez Duarte", "sql"),
        ("oye la de tidewater, maria fernanda, pasala a sql q ya tiene fecha", "María Fernanda Treviño", "sql"),
    ],
)
def test_a_two_word_given_name_finds_its_contact(
    mx_people: LocalChatModel, text: str, contact: str, stage: str
) -> None:
    (name, args), *_ = _calls(mx_people, text)
    assert (name, args) == ("update_contact", {"contact": contact, "changes": {"stage": stage}})


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("create task: call Hannah Osei about the invoice, Friday 11am, for me", "2026-11-27T11:00"),
        ("remind me to call Tariq Bell next wed at 3:30pm", "2026-12-02T15:30"),
        ("recuérdame llamarle a Colm Brady el viernes a las 10", "2026-11-27T10:00"),
    ],
)
def test_a_task_due_at_an_hour(model: LocalChatModel, text: str, due: str) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "create_task" and args["due"] == due, args


def test_the_score_and_why(model: LocalChatModel) -> None:
    history: list = [HumanMessage("What is Tariq Bell's lead score and why is it so low, he has budget??")]
    calls = []
    for _ in range(4):
        msg = model.respond(history, specialist_specs("scoring"))
        if not msg.tool_calls:
            break
        calls += [(tc["name"], tc["args"]) for tc in msg.tool_calls]
        history += [msg, *(ToolMessage(content='{"ok": true}', tool_call_id=tc["id"]) for tc in msg.tool_calls)]
    assert calls == [
        ("score_lead", {"contact": "Tariq Bell"}),
        ("explain_score", {"contact": "Tariq Bell"}),
    ]


def test_a_campaign_named_by_its_subject_selects_without_it(model: LocalChatModel) -> None:
    msg = model.respond(
        [HumanMessage('Draft an email campaign to everyone from the webinar, subject "VIP brand refresh offer"')],
        specialist_specs("campaigns"),
    )
    [call] = msg.tool_calls
    assert call["args"]["filters"] == {"lead_source": "webinar"}, call["args"]
    assert call["args"]["name"] == call["args"]["subject"] == "VIP brand refresh offer", call["args"]


@pytest.mark.parametrize(
    ("text", "filters", "changes"),
    [
        (
            "All the contacts from the webinar that are still sitting with Owen – give them to Lucia, he's off",
            {"lead_source": "webinar", "owner": "Owen Price"},
            {"owner": "Lucia Romero"},
        ),
        (
            "Everything Ines owns that's still a lead and hasn't been touched since Nov 1st, give it to Owen.",
            {"owner": "Ines Carvalho", "stage": "lead", "not_contacted_since": "2026-11-01"},
            {"owner": "Owen Price"},
        ),
    ],
)
def test_who_still_holds_them_and_what_they_still_are_select(
    model: LocalChatModel, text: str, filters: dict[str, str], changes: dict[str, str]
) -> None:
    (name, args), *_ = _calls(model, text)
    assert (name, args) == ("bulk_update_contacts", {"filters": filters, "changes": changes})


@pytest.mark.parametrize(
    ("text", "company", "title"),
    [
        ("add Jane Doe, Northwind Plumbing & Heating, 555 123 4567", "Northwind Plumbing & Heating", None),
        ("New one. Jim Reyes, Reyes Brothers Masonry, 216-555-0104. Mine.", "Reyes Brothers Masonry", None),
        (
            "Put in Ana Ruiz. Harbor Lane Realty, new regional manager. Owner Ines.",
            "Harbor Lane Realty",
            "Regional Manager",
        ),
    ],
)
def test_an_employer_and_a_job_given_as_list_items(
    model: LocalChatModel, text: str, company: str, title: str | None
) -> None:
    (name, args), *_ = _calls(model, text)
    assert name == "create_contact" and args.get("company") == company and args.get("title") == title, args


def test_a_place_given_as_a_list_item_is_no_employer(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(model, "add Jane Doe, New York, 555 123 4567")
    assert name == "create_contact" and "company" not in args, args


def test_a_tag_given_as_a_list_item_is_no_job() -> None:
    buyers = model_for({**VOCAB, "tags": [*VOCAB["tags"], "first-time-buyer"]})
    (name, args), *_ = _calls(buyers, "open house lead: Sophie Grant sophie.g@example.test. first time buyer. f/u sat")
    assert name == "create_contact" and "title" not in args and args["tags"] == ["first-time-buyer"], args


def test_a_field_named_in_a_list_item_is_no_job(model: LocalChatModel) -> None:
    (name, args), *_ = _calls(
        model, "Add: Nuria Gil; nuria@gil.test; 612 555 010; company Alder & Finch Studio; source referral"
    )
    assert name == "create_contact" and "title" not in args and args["lead_source"] == "referral", args
