"""The allow-list: the only words a payload to a third party may carry (labels, units, eyes, lenses, formulas).

Two kinds. `FREE_WORDS` are kept wherever they appear: measurement labels, units, eye and section words of the UI
languages (en, de, pt, es, fr) and device words. `PHRASES` (IOL catalogue, formulas, manufacturers) hold words that
are also personal names (Lucia, Lisa, Hill, Barrett, Johnson): such a word is kept only next to another word of the
same phrase; a one-word phrase (`Haigis`) is kept anywhere. Labels of identifier fields (name, birth date, ID, age,
address, phone, physician) are deliberately absent, so a number in their cell is masked with them. The words of an
exam-date label (`date`, `exam`, `Messdatum`) are kept: every date itself becomes a placeholder (`dates.py`).
"""

from __future__ import annotations

from biometry.formulas import KNOWN_FORMULAS
from biometry.lens_catalogue import IOL_MODELS, MANUFACTURERS

_LABELS = """
al acd ad aqd cct lt wtw p pd se sd k k1 k2 km kf ks tk tk1 tk2 tse ttk tsd δk δtk dk ast cyl q r r1 r2 sr
simk simpk simpk1 simpk2 snr n ix iy cvd lf df a a0 a1 a2 pacd sf cw chord mm µm μm um d dpt dptr mmhg deg
rm kappa angle alpha vcd vt acw lp sph add diopters dioptres dioptrien dioptrías dioptries dioptrias
od os ou re le rl ll ls vs iol lio lia ref mean flat steep axis axes power index n/a na opt comp x
"""
_ENGLISH = """
axial length anterior chamber depth aqueous lens thickness central corneal cornea white to of and or with
pupil pupillary diameter size keratometry keratometric total posterior radius radii astigmatism cylinder
cylindrical meridian phakic pseudophakic aphakic vitreous body silicone oil target refraction predicted
emmetropia emme expected spherical equivalent iol calculation calculations formula formulas constant const
measured measurement measurements value values biometric biometry report right left eye eyes page analysis
overview quality signal status standard optimized optimised selected result results manual automatic
biometer optical interferometry tomography toric note high low warning check please possible significant
difference between found not valid invalid composite average mean minimum maximum date exam examination
"""
_GERMAN = """
achslänge achsenlänge augenlänge vorderkammertiefe vorderkammer kammertiefe linsendicke linse hornhaut
hornhautdicke hornhautradius hornhautradien pupille pupillendurchmesser keratometrie totale biometrie
biometrische werte wert rechts links rechtes linkes auge augen seite von und mit messung messwerte
berechnung ziel zielrefraktion refraktion brechkraft emmetropie phak pseudophak aphak glaskörper augenstatus
konstante analyse übersicht signalqualität ergebnis ergebnisse formel achse zylinder hinweis hohe niedrige
geringe bitte prüfen messungen gemessen mittelwert differenz zwischen datum messdatum untersuchungsdatum
"""
_PORTUGUESE = """
comprimento profundidade câmara espessura cristalino lente córnea corneana branco pupila diâmetro
queratometria olho olhos direito esquerdo página de da do e valores valor biométricos biometria
cálculo alvo refração fácico pseudofácico afácico corpo vítreo status estado análise medição medido medida
medidas fórmula constante eixo cilindro total resultado qualidade sinal data exame
"""
_SPANISH = """
longitud profundidad cámara grosor espesor cristalino lente córnea corneal blanco pupila diámetro
queratometría ojo ojos derecho izquierdo página la el y valores valor biométricos biometría cálculo
objetivo refracción fáquico pseudofáquico afáquico cuerpo vítreo estado análisis medición medido fórmula
constante eje cilindro total resultado calidad señal fecha examen
"""
_FRENCH = """
longueur axiale profondeur chambre antérieure épaisseur cristallin lentille cornée cornéenne blanc pupille
diamètre kératométrie œil yeux droit droite gauche page sur valeurs valeur biométriques biométrie calcul
cible réf réfraction phaque pseudophaque aphaque corps vitré statut analyse mesure mesuré mesures formule
constante axe cylindre totale résultat qualité signal du et l d date examen
"""
_DEVICES = """
iolmaster lenstar eyestar eyesuite ls es argos aladdin al-scan oa-2000 anterion pentacam axl galilei
ms-39 myah biograph ultrasound a-scan immersion contact
"""
# Biometer makers; IOL manufacturers come from the one lens vocabulary (lens_catalogue.MANUFACTURERS).
_DEVICE_MAKERS = (
    "ZEISS",
    "Carl Zeiss Meditec",
    "Haag-Streit",
    "Topcon",
    "Nidek",
    "Tomey",
    "Oculus",
    "Heidelberg Engineering",
)
_FORMULA_SPELLINGS = (
    "SRK®/T",
    "SRK II",
    "Hoffer® Q",
    "HofferQ",
    "Hoffer QST",
    "Hill RBF + Abulafia-Koch",
    "Barrett (measured)",
    "Barrett True-K",
    "Cooke K6",
    "Ladas Super Formula",
    "VRF-G",
    "T2",
)

FREE_WORDS = frozenset(
    word for block in (_LABELS, _ENGLISH, _GERMAN, _PORTUGUESE, _SPANISH, _FRENCH, _DEVICES) for word in block.split()
)
PHRASES: tuple[str, ...] = (*IOL_MODELS, *sorted(KNOWN_FORMULAS), *_FORMULA_SPELLINGS, *MANUFACTURERS, *_DEVICE_MAKERS)
