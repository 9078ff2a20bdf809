"""The dialogue prompts the library ships, each citing the public material it comes from."""

from __future__ import annotations

from beskaeftigelse._domain.reports.types import DialoguePrompt

#: PsykInfo's page for jobcentres (with EN AF OS): the dialogue cards and the self-stigma
#: material.
PSYKINFO_JOBCENTRES = (
    "PsykInfo / EN AF OS, 'Jobcentre: Hvordan skaber man som jobkonsulent en god relation og "
    "dialog med borgeren?' (the dialogue cards 'Dialogkort til Jobcentre' and the material "
    "'Personlig historie og selvstigma')"
)

DIALOGUE_PROMPTS = (
    DialoguePrompt(
        key="how_now",
        text_da="Hvordan har du det lige nu?",
        text_en="How are you right now?",
        source=f"{PSYKINFO_JOBCENTRES}: 'Hvordan har borgeren det lige nu?'",
    ),
    DialoguePrompt(
        key="what_takes_room",
        text_da="Hvad fylder meget for dig?",
        text_en="What takes up a lot of room for you?",
        source=f"{PSYKINFO_JOBCENTRES}: 'Hvad fylder meget?'",
    ),
    DialoguePrompt(
        key="good_and_bad_periods",
        text_da="Hvordan mærker du forskel på gode og dårlige perioder?",
        text_en="How do you tell your good periods from the bad ones?",
        source=(
            f"{PSYKINFO_JOBCENTRES}: 'der veksles mellem gode og dårlige perioder' "
            "(wording derived)"
        ),
    ),
    DialoguePrompt(
        key="own_view_of_work",
        text_da="Hvordan tænker du selv om at komme tilbage på arbejdsmarkedet?",
        text_en="How do you yourself think about getting back to work?",
        source=f"{PSYKINFO_JOBCENTRES}: 'Personlig historie og selvstigma' (wording derived)",
    ),
)
