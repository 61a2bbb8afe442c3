"""Templates for the demo timeline: emails, calls, meetings, notes and tasks an agency really writes.

The texts are searched semantically later (RAG over the timeline), so they vary in wording and name
concrete services, channels and problems instead of repeating one sentence. Placeholders are filled by
the generator: {first} (the contact), {rep} (the agency user), {company}, {domain}, {service},
{service2}, {channel}, {pain}, {budget}, {amount}, {weekday}.
"""

from __future__ import annotations

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

OUTBOUND_EMAILS = (
    (
        "Quick idea for {company}'s {channel}",
        "Hi {first}, I took a look at {domain} and noticed {pain}. We fixed the same thing for a client in your space "
        "with a {service}. Worth a 20-minute call on {weekday}? Best, {rep}",
    ),
    (
        "{service} proposal for {company}",
        "Hi {first}, as promised, attached is our proposal for the {service}. It covers scope, timeline and a "
        "monthly budget of about ${budget}. Happy to walk you through it. {rep}",
    ),
    (
        "Following up on our call",
        "Hi {first}, thanks again for the time today. To recap: the main issue is {pain}. Next step on our side is a "
        "short audit of {channel} and a rough plan for a {service}. {rep}",
    ),
    (
        "Case study: how we cut cost per lead by 38%",
        "Hi {first}, thought this might be relevant: a case study on {service} for a company a lot like {company}. "
        "Their {channel} results doubled in four months. Want me to share the playbook? {rep}",
    ),
    (
        "Checking in",
        "Hi {first}, just checking in on the {service}. Did you get a chance to review it with your team? If the "
        "timing is off, no problem, tell me when to come back. {rep}",
    ),
    (
        "Your free {channel} audit",
        "Hi {first}, here is the free audit we promised after the webinar. Three quick wins: fix tracking, tighten "
        "keywords, and refresh ad creative. A {service} would take care of all three. {rep}",
    ),
    (
        "Monthly report: {channel} performance",
        "Hi {first}, the monthly report for {company} is ready. Conversions are up and cost per acquisition is down "
        "since we took over {channel}. Next month we suggest testing a {service2}. {rep}",
    ),
    (
        "Invitation: content strategy workshop",
        "Hi {first}, we are running a half-day content strategy workshop for a few clients next {weekday}. "
        "Given {pain}, I think it would be useful for {company}. {rep}",
    ),
    (
        "Updated pricing for the {service}",
        "Hi {first}, based on your feedback we reworked the scope: the {service} now starts at ${amount} with an "
        "optional {service2}. Let me know what you think. {rep}",
    ),
    (
        "Intro from a mutual friend",
        "Hi {first}, a mutual contact suggested I reach out. We help businesses like {company} with {service} and "
        "{service2}. Open to a short intro call? {rep}",
    ),
)

INBOUND_EMAILS = (
    (
        "Re: {service} proposal for {company}",
        "Hi {rep}, thanks for the proposal. The scope looks right. Can we talk about the budget? We were thinking "
        "closer to ${budget} a month. {first}",
    ),
    (
        "Question about your {service}",
        "Hello, I found you through a search. We are struggling with {pain} and wondered whether your {service} "
        "could help. What does it usually cost? Thanks, {first}",
    ),
    (
        "Re: Following up on our call",
        "Thanks {rep}. I shared the notes with our CEO. She wants to see a timeline for the {service} before we "
        "commit. Could you send one by {weekday}? {first}",
    ),
    (
        "Re: Checking in",
        "Hi {rep}, sorry for the slow reply, it has been a busy quarter. We are still interested in the {service} "
        "but need to wait for budget approval. {first}",
    ),
    (
        "We'd like to move forward",
        "Hi {rep}, good news: we would like to go ahead with the {service}. Please send the contract and the "
        "onboarding checklist. {first}",
    ),
    (
        "Not the right time",
        "Hi {rep}, thank you for all the effort. We have decided to pause marketing spend on {channel} for now. "
        "Let's reconnect later this year. {first}",
    ),
    (
        "Re: Monthly report",
        "Great results, {rep}! The team loved the {channel} numbers. Could we add a {service2} next quarter? {first}",
    ),
    (
        "Webinar follow-up",
        "Hi, I attended your webinar on {channel} and have a few questions about {pain}. Do you work with companies "
        "our size? {first} from {company}",
    ),
    (
        "Re: Quick idea for {company}",
        "Hi {rep}, interesting timing, we were just discussing {pain} internally. Happy to chat on {weekday}. {first}",
    ),
)

CALLS_OUTBOUND = (
    (
        "Discovery call with {first}",
        "Discovery call. {company} spends about ${budget}/month on {channel}. Main pain: {pain}. Decision maker is "
        "{first}. Interested in a {service}. Next step: send proposal.",
    ),
    (
        "Cold call: {company}",
        "Reached {first} on the second try. Skeptical about agencies after a bad experience. Agreed to receive a "
        "case study on {service}.",
    ),
    ("Left voicemail", "Left a voicemail for {first} about the {service}. Will try again on {weekday}."),
    (
        "Proposal walkthrough",
        "Walked {first} through the {service} proposal. Questions about reporting cadence and contract length. "
        "Budget seems fine, timing depends on their Q-end.",
    ),
    (
        "Check-in call",
        "Quick check-in with {first}. Happy with progress on {channel}. Asked about adding a {service2}.",
    ),
    (
        "Negotiation call",
        "Negotiated terms with {first}: asked for 10% off the {service} for a 12-month commitment. Said we'd "
        "confirm with the team.",
    ),
)

CALLS_INBOUND = (
    (
        "Inbound call from {first}",
        "{first} called after seeing our ad. Wants help with {pain}. Booked a discovery meeting for {weekday}.",
    ),
    (
        "{first} called about pricing",
        "Asked about pricing for the {service}. Explained the ${amount} starting point. They compare two agencies.",
    ),
    (
        "Support call",
        "{first} called about tracking on {channel}. Sorted it on the call; logged a task to document it.",
    ),
)

MEETINGS = (
    (
        "Strategy session with {company}",
        "Strategy session. Reviewed {channel} performance and {pain}. Agreed priorities for the {service}.",
    ),
    (
        "Discovery meeting",
        "Met {first} and their team. Goals: more qualified leads, better attribution. Good fit for a {service}.",
    ),
    (
        "Proposal review meeting",
        "Presented the {service} proposal (${amount}). {first} liked the creative direction; legal to review terms.",
    ),
    (
        "Kickoff: {service}",
        "Project kickoff with {company}. Access to {channel} granted, timeline confirmed, weekly stand-up on "
        "{weekday}s.",
    ),
    (
        "Quarterly business review",
        "QBR with {first}. Results above target on {channel}. Discussed expanding into a {service2}.",
    ),
    (
        "Creative workshop",
        "Brand and creative workshop. Mood boards for the brand refresh, tone of voice, three ad concepts for "
        "{channel}.",
    ),
)

NOTES = (
    ("Note", "{first} mentioned they are unhappy with their current agency; contract ends next quarter."),
    ("Note", "Budget holder is the CFO, not {first}. Need to get the CFO on the next call about the {service}."),
    ("Note", "Competitor of another client; keep {channel} strategies separate."),
    ("Note", "{company} is opening a second location; local SEO and Google Business Profile will matter."),
    ("Note", "Prefers email over calls. Best time to reach {first}: {weekday} mornings."),
    ("Note", "Saw strong engagement on our {channel} post; {first} liked and commented."),
    ("Note", "Asked for references from clients in their industry before signing the {service}."),
    ("Note", "Main worry: {pain}. Position the {service} around that."),
)

TASKS = (
    ("Send {service} proposal to {first}", "Draft and send the proposal with two pricing options."),
    ("Follow up with {first}", "Follow up on the {service} discussion; ask about budget timing."),
    ("Prepare {channel} audit for {company}", "Pull last 90 days of data from {channel} and write three findings."),
    ("Book QBR with {company}", "Schedule the quarterly business review and send the agenda."),
    ("Send case study to {first}", "Share the {service} case study and the reporting sample."),
    ("Update contract for {company}", "Add the {service2} add-on to the contract and resend for signature."),
    ("Call {first} back", "They asked for a call back about pricing for the {service}."),
)
