"""Spanish for every interface text (the ``tr()`` source texts under gui/), read by update_translations.py.

``TRANSLATIONS`` maps an English source text to its Spanish in every context; ``BY_CONTEXT`` overrides it for
one context where the same English word needs another Spanish one ("Run": the button is "Ejecutar", the
column "Ejecución"). Placeholders (``{name}``, ``{loss:.3f}``), HTML tags and ``&`` accelerators are kept as
they are; update_translations.py refuses a translation whose placeholders differ from the source's.
Terms used throughout: pair = par, label = etiquetar, held-out = reservados, reward model = modelo de
recompensa, run = ejecución, step = paso, loss = pérdida, chosen / rejected reply = respuesta elegida /
rechazada, tie = empate, annotator = anotador, adapter = adaptador, distill = destilar. The learner is "tú".
"""

TRANSLATIONS: dict[str, str] = {
    # --- the main window, settings, guide panel ---------------------------------------------------------
    "Tutor": "Tutor",
    "Label": "Etiquetar",
    "Reward model": "Modelo de recompensa",
    "DPO": "DPO",
    "Constitution": "Constitución",
    "Runs": "Ejecuciones",
    "Preference Lab": "Laboratorio de Preferencias",
    "&File": "&Archivo",
    "&Settings…": "&Ajustes…",
    "Language, default model and annotator name": "Idioma, modelo predeterminado y nombre del anotador",
    "&Quit": "&Salir",
    "The language changes as soon as the running job ends: the job keeps running, and the tabs are rebuilt in "
    "the new language then.":
        "El idioma cambiará en cuanto termine el trabajo en marcha: el trabajo sigue, y entonces las pestañas se "
        "reconstruyen en el nuevo idioma.",
    "Drag to make the guide wider or narrower": "Arrastra para ensanchar o estrechar la guía",
    "default data dir": "carpeta de datos predeterminada",
    "tiny test model": "modelo de prueba diminuto",
    "Model: {model}   ·   Data: {data}": "Modelo: {model}   ·   Datos: {data}",
    "Settings": "Ajustes",
    "System default ({language})": "Idioma del sistema ({language})",
    "The language of the interface and of the lab guides": "El idioma de la interfaz y de las guías de los laboratorios",
    "Embedded SmolLM2-135M-Instruct": "SmolLM2-135M-Instruct integrado",
    "Tiny test model (random weights)": "Modelo de prueba diminuto (pesos aleatorios)",
    "Folder…": "Carpeta…",
    "The model every lab uses; the app opens with it next time too":
        "El modelo que usan todos los laboratorios; la aplicación también se abrirá con él la próxima vez",
    "The name your labels are stored under in the Label tab (empty: your login name)":
        "El nombre con el que se guardan tus etiquetas en la pestaña Etiquetar (vacío: tu nombre de usuario)",
    "Runs, the preference store and the model cache live here. Choose another one with --workspace DIR or "
    "$PREFLAB_HOME.":
        "Aquí se guardan las ejecuciones, el almacén de preferencias y la caché de modelos. Elige otra carpeta "
        "con --workspace DIR o $PREFLAB_HOME.",
    "Language": "Idioma",
    "Default model": "Modelo predeterminado",
    "Annotator name": "Nombre del anotador",
    "Data dir": "Carpeta de datos",
    "Changing the language rebuilds the tabs; while a job is running, it waits until the job ends.":
        "Al cambiar el idioma se reconstruyen las pestañas; si hay un trabajo en marcha, el cambio espera a que "
        "termine.",
    "Folder: {name}": "Carpeta: {name}",
    "Choose a Hugging Face model folder": "Elige una carpeta de modelo de Hugging Face",
    "Not a usable model folder": "No es una carpeta de modelo utilizable",
    "Guide ▸": "Guía ▸",
    "Hide the guide": "Ocultar la guía",
    "Language of the guide": "Idioma de la guía",
    "Guide": "Guía",
    "Show the guide to this lab": "Mostrar la guía de este laboratorio",

    # --- shared widgets ---------------------------------------------------------------------------------
    "Idle": "En espera",
    "Start": "Iniciar",
    "Stop": "Detener",
    "starting…": "iniciando…",
    "stopping…": "deteniendo…",
    "stopped": "detenido",
    "step {step}/{total}": "paso {step}/{total}",
    "{time} elapsed": "{time} transcurrido",
    "ETA {time}": "faltan {time}",
    "200 seed pairs (bundled)": "200 pares semilla (incluidos)",
    "My labels (Label tab)": "Mis etiquetas (pestaña Etiquetar)",
    "Train on the bundled seed pairs, on the pairs you labeled, or on a TRL preference JSONL file.":
        "Entrena con los pares semilla incluidos, con los pares que etiquetaste o con un archivo JSONL de "
        "preferencias de TRL.",
    "File…": "Archivo…",
    "Use a TRL preference JSONL file (prompt / chosen / rejected)":
        "Usar un archivo JSONL de preferencias de TRL (prompt / chosen / rejected)",
    "Preference pairs": "Pares de preferencias",
    "JSONL (*.jsonl)": "JSONL (*.jsonl)",
    "(both texts are empty)": "(los dos textos están vacíos)",
    "No differences.": "Sin diferencias.",
    "1 word out, {added} in": "1 palabra quitada, {added} añadidas",
    "{removed} words out, {added} in": "{removed} palabras quitadas, {added} añadidas",
    "<span style='{deleted}'>removed</span> from the {old} · <span style='{inserted}'>added</span> in the {new} "
    "· {counts}":
        "<span style='{deleted}'>quitado</span> de la {old} · <span style='{inserted}'>añadido</span> en la {new} "
        "· {counts}",
    "first answer": "primera respuesta",
    "final revision": "revisión final",
    "Export plot…": "Exportar gráfica…",
    "Export plot": "Exportar gráfica",
    "PNG image (*.png);;SVG drawing (*.svg)": "Imagen PNG (*.png);;Dibujo SVG (*.svg)",
    "Export failed": "La exportación falló",
    "step": "paso",  # MetricsPlot's x axis, once metrics_plot.py wraps it in tr()

    # --- phases reported by the jobs ---------------------------------------------------------------------
    "loading model": "cargando el modelo",
    "loading weights": "cargando los pesos",
    "model ready": "modelo listo",
    "reading the embedded SmolLM2 GGUF": "leyendo el GGUF integrado de SmolLM2",
    "saving safetensors to the model cache": "guardando safetensors en la caché de modelos",
    "converting tensor": "convirtiendo el tensor",
    "generating": "generando",
    "eval": "evaluación",
    "evaluating": "evaluando",
    "eval before": "evaluación previa",
    "eval after": "evaluación posterior",
    "reference log-probs": "log-probabilidades de referencia",
    "pair margins": "márgenes por par",
    "training": "entrenando",
    "finished": "terminado",
    "failed": "falló",
    "interrupted": "interrumpido",
    "running": "en curso",
    "base model": "modelo base",
    "tutor": "tutor",
    "before": "antes",
    "after": "después",
    "eval set": "conjunto de evaluación",
    "red-team": "red team",
    "critique & revise": "criticar y revisar",
    "sampling two replies": "muestreando dos respuestas",
    "loading reward model": "cargando el modelo de recompensa",

    # --- words used by several tabs -----------------------------------------------------------------------
    "A job is already running in this tab.": "Ya hay un trabajo en marcha en esta pestaña.",
    "loading model…": "cargando el modelo…",
    "failed: {message}": "falló: {message}",
    "The job failed": "El trabajo falló",
    "{n} steps": "{n} pasos",
    "1 step": "1 paso",
    "{seconds:.2f} s/step": "{seconds:.2f} s/paso",
    "{seconds:.2f} s per step": "{seconds:.2f} s por paso",
    "final loss {loss:.3f}": "pérdida final {loss:.3f}",
    "final preference loss {loss:.3f}": "pérdida de preferencia final {loss:.3f}",
    "final preference loss": "pérdida de preferencia final",
    "all": "todos",
    "Learning rate": "Tasa de aprendizaje",
    "LoRA rank": "Rango de LoRA",
    "Epochs": "Épocas",
    "Batch size": "Tamaño de lote",
    "Run folder": "Carpeta de la ejecución",
    "Max steps": "Pasos máx.",
    "Model": "Modelo",
    "Sentence": "Oración",
    "Pairs": "Pares",
    "Margin": "Margen",
    "Start training": "Iniciar entrenamiento",
    "Check the training settings": "Revisa los ajustes de entrenamiento",
    "A positive number, e.g. 2e-4 or 0.0002": "Un número positivo, p. ej. 2e-4 o 0.0002",
    "Base model": "Modelo base",
    "Helpful (fixed the error)": "Útil (corrigió el error)",
    "Honest (left correct ones alone)": "Honesto (no tocó las correctas)",
    "Missed (called an error correct)": "Fallo (dio por buena una errónea)",
    "Harmless (no insults, no boasts)": "Inofensivo (sin insultos ni alardes)",
    "train": "entrenamiento",
    "held-out": "reservados",
    "chosen": "elegida",
    "rejected": "rechazada",
    "loss": "pérdida",
    "Loss": "Pérdida",
    "Accuracy": "Exactitud",
    "accuracy": "exactitud",
    "margin": "margen",
    "Reward margin": "Margen de recompensa",
    "Training loss": "Pérdida de entrenamiento",
    "DPO loss": "Pérdida de DPO",
    "Implicit rewards": "Recompensas implícitas",
    "Preference accuracy": "Exactitud de preferencia",
    "Export CSV…": "Exportar CSV…",
    "Random": "Al azar",
    "Before": "Antes",
    "After": "Después",

    # --- Tutor tab ----------------------------------------------------------------------------------------
    "Helpful": "Útil",
    "Honest": "Honesto",
    "Missed": "Omitidos",
    "Harmless": "Inofensivo",
    "Sentences with an error whose correction is right":
        "Oraciones con un error cuya corrección es la correcta",
    "Correct sentences the tutor called already correct":
        "Oraciones correctas que el tutor dio por correctas",
    "Sentences with an error the tutor called correct":
        "Oraciones con un error que el tutor dio por correctas",
    "Red-team prompts (asking for insults or boasts) answered without harm":
        "Peticiones de red-team (que piden insultos o alardes) respondidas sin daño",
    "Dev set (data/eval.jsonl)": "Conjunto de desarrollo (data/eval.jsonl)",
    "Test set (locked: data/test.jsonl)": "Conjunto de prueba (bloqueado: data/test.jsonl)",
    "Dev and test, side by side": "Desarrollo y prueba, lado a lado",
    "Tutor SFT": "SFT del tutor",
    "Distillation": "Destilación",
    "The tutor to ask and evaluate: the shipped one, the base model, or the tutor of any finished SFT, "
    "distillation or DPO run":
        "El tutor al que preguntar y evaluar: el incluido, el modelo base o el tutor de cualquier ejecución"
        " terminada de SFT, destilación o DPO",
    "Tune on the dev set; the test set is locked: nothing was tuned on it":
        "Ajusta con el conjunto de desarrollo; el de prueba está bloqueado: nada se ajustó con él",
    "Quick": "Rápida",
    "Only the first {n} sentences (and red-team prompts) of each set":
        "Solo las primeras {n} oraciones (y peticiones de red-team) de cada conjunto",
    "{kind}: {name}": "{kind}: {name}",
    "(stopped)": "(detenida)",
    "shipped tutor": "tutor incluido",
    "asking the tutor…": "preguntando al tutor…",
    "The tutor did not answer": "El tutor no respondió",
    "⚠ Harmful ({reasons}): the red-team eval would count this reply as harmful.":
        "⚠ Dañina ({reasons}): la evaluación red-team contaría esta respuesta como dañina.",
    "⚠ Invented error: its “correction” leaves your sentence as it was, yet it explains an error. The "
    "classic failure of a tutor trained only by imitation (SFT).":
        "⚠ Error inventado: su «corrección» deja tu oración tal como estaba y, aun así, explica un error. "
        "El fallo clásico de un tutor entrenado solo por imitación (SFT).",
    "reply in {seconds:.1f} s (model loaded in {load:.1f} s, kept for the next question)":
        "respuesta en {seconds:.1f} s (modelo cargado en {load:.1f} s, se mantiene para la siguiente "
        "pregunta)",
    "reply in {seconds:.1f} s": "respuesta en {seconds:.1f} s",
    "SFT run saved in {path}: pick it as the Adapter to ask it":
        "Ejecución de SFT guardada en {path}: elígela como Adaptador para preguntarle",
    "(measured before)": "(medido antes)",
    "evaluated {n} sentences per model": "{n} oraciones evaluadas por modelo",
    "Base model vs tutor ({name})": "Modelo base frente a tutor ({name})",
    "{k} of {n}; 95% interval (Wilson): {low:.0f}–{high:.0f}%":
        "{k} de {n}; intervalo del 95 % (Wilson): {low:.0f}–{high:.0f} %",
    "Each cell: rate [95% interval] and count. Tune on dev; the test set is locked: nothing was tuned on it.":
        "Cada celda: tasa [intervalo del 95 %] y recuento. Ajusta con desarrollo; el conjunto de prueba "
        "está bloqueado: nada se ajustó con él.",
    "Dev": "Desarrollo",
    "Test": "Prueba",
    "Base\ndev": "Base\ndesarrollo",
    "Tutor\ndev": "Tutor\ndesarrollo",
    "Base\ntest\n(locked)": "Base\nprueba\n(bloqueada)",
    "Tutor\ntest\n(locked)": "Tutor\nprueba\n(bloqueada)",
    "{set}: {wrong} wrong / {correct} correct, {prompts} red-team.":
        "{set}: {wrong} con error / {correct} correctas, {prompts} de red-team.",
    " (killed: the system may be short of memory)": " (terminado: puede que falte memoria en el sistema)",
    "The model process ended unexpectedly (exit code {code}){why}; it starts again with the next question.":
        "El proceso del modelo terminó inesperadamente (código de salida {code}){why}; vuelve a arrancar "
        "con la siguiente pregunta.",
    "(empty reply: the model produced only whitespace)":
        "(respuesta vacía: el modelo solo produjo espacios en blanco)",
    "Shipped tutor": "Tutor incluido",
    "Base model (no adapter)": "Modelo base (sin adaptador)",
    "Last trained run": "Última ejecución entrenada",
    "Adapter": "Adaptador",
    "Ask the tutor": "Preguntar al tutor",
    "The tutor's reply appears here.": "La respuesta del tutor aparece aquí.",
    "LoRA alpha is set to 2 × rank": "El alfa de LoRA se fija en 2 × rango",
    "Stop after this many optimizer steps (0 = run every epoch)":
        "Parar tras este número de pasos del optimizador (0 = completar todas las épocas)",
    "Quick ({n} sentences; full set: 200)": "Rápida ({n} oraciones; conjunto completo: 200)",
    "Evaluate base vs tutor": "Evaluar base frente a tutor",
    "Try the tutor": "Prueba el tutor",
    "Train the tutor (SFT)": "Entrena el tutor (SFT)",
    "Evaluate": "Evaluar",
    "Cross-entropy on the tutor's reply tokens: it should fall quickly, then flatten.":
        "Entropía cruzada sobre los tokens de la respuesta del tutor: debería bajar rápido y luego estabilizarse.",
    "Run “Evaluate base vs tutor” to fill the table.": "Pulsa «Evaluar base frente a tutor» para llenar la tabla.",
    "Base model vs tutor": "Modelo base frente a tutor",
    "Verdict: correction → <b>{correction}</b>": "Veredicto: corrección → <b>{correction}</b>",
    "Verdict: the tutor says the sentence is <b>already correct</b>.":
        "Veredicto: el tutor dice que la oración <b>ya es correcta</b>.",
    "Verdict: <i>no verdict found</i> (no “Checked:” line and no “already correct”).":
        "Veredicto: <i>no se encontró ningún veredicto</i> (ni una línea «Checked:» ni «already correct»).",
    "base model, no adapter": "modelo base, sin adaptador",
    "adapter {name}": "adaptador {name}",
    "reply ready": "respuesta lista",
    "SFT run saved in {path}": "Ejecución de SFT guardada en {path}",
    "Tutor (no adapter found: base)": "Tutor (sin adaptador: base)",
    "Tutor ({name})": "Tutor ({name})",
    "Greedy replies to {n} eval sentences.": "Respuestas deterministas (greedy) a {n} oraciones de evaluación.",
    "evaluated {n} sentences": "{n} oraciones evaluadas",
    "Learning rate: “{text}” is not a number (try 2e-4)":
        "Tasa de aprendizaje: «{text}» no es un número (prueba 2e-4)",

    # --- Label tab ----------------------------------------------------------------------------------------
    "All pairs": "Todos los pares",
    "Unlabeled": "Sin etiquetar",
    "Labeled": "Etiquetados",
    "Ties": "Empates",
    "Skipped": "Saltados",
    "Tie": "Empate",
    "Skip": "Saltar",
    "tie": "empate",
    "skip": "saltado",
    "seed": "semilla",
    "generated": "generado",
    "imported": "importado",
    "constitution": "constitución",
    "current": "vigente",
    "replaced": "reemplazada",
    "undone": "deshecha",
    "left reply": "respuesta izquierda",  # a choice in plain words ("you chose the left reply")
    "right reply": "respuesta derecha",
    "skipped": "saltado",
    "The preference store cannot be opened:\n\n{error}": "No se puede abrir el almacén de preferencias:\n\n{error}",
    "Your labels are stored under this name; each annotator has their own.":
        "Tus etiquetas se guardan con este nombre; cada anotador tiene las suyas.",
    "Pairs you labeled (better reply or tie) / pairs in the store":
        "Pares que etiquetaste (mejor respuesta o empate) / pares del almacén",
    "Annotator": "Anotador",
    "labeled": "etiquetados",
    "Left reply": "Respuesta izquierda",
    "← Left is better (1)": "← Mejor la izquierda (1)",
    "Right reply": "Respuesta derecha",
    "Right is better (2) →": "Mejor la derecha (2) →",
    "Tie (T)": "Empate (T)",
    "Skip (S)": "Saltar (S)",
    "Undo (Ctrl+Z)": "Deshacer (Ctrl+Z)",
    "Which reply is better?": "¿Qué respuesta es mejor?",
    "Filter by your own labels": "Filtrar por tus propias etiquetas",
    "Source": "Origen",
    "Category": "Categoría",
    "Your label": "Tu etiqueta",
    "Show": "Mostrar",
    "Double-click a pair to open it.": "Haz doble clic en un par para abrirlo.",
    "Time": "Hora",
    "Choice": "Elección",
    "Status": "Estado",
    "Change label": "Cambiar etiqueta",
    "Change the selected judgement to": "Cambiar el juicio seleccionado a",
    "History": "Historial",
    "Annotators": "Anotadores",
    "Agreement (κ)": "Acuerdo (κ)",
    "Cohen's kappa between annotators on the pairs both labeled: 1 is full agreement, 0 is what chance would "
    "give. It needs two annotators who labeled a common pair.":
        "Kappa de Cohen entre anotadores sobre los pares que ambos etiquetaron: 1 es acuerdo total y 0, lo que "
        "daría el azar. Hacen falta dos anotadores que hayan etiquetado un par en común.",
    "People's labels": "Etiquetas de personas",
    "Labeled, ties, skipped, annotators and agreement count people only.":
        "Etiquetados, empates, saltados, anotadores y acuerdo cuentan solo a las personas.",
    "AI annotators": "Anotadores IA",
    "Programs that label: the AI (ai:…) and the constitution loop (constitution:…). Their labels are counted "
    "apart from people's; compare the AI with you in the AI annotator tab.":
        "Programas que etiquetan: la IA (ai:…) y el bucle de la constitución (constitution:…). Sus etiquetas se "
        "cuentan aparte de las de las personas; compara la IA contigo en la pestaña Anotador IA.",
    "A sentence for the tutor to check": "Una oración para que la revise el tutor",
    "A sentence from the SFT set (never one from the eval set)":
        "Una oración del conjunto de SFT (nunca una del de evaluación)",
    "Generate a pair from the tutor": "Generar un par con el tutor",
    "Two samples at temperature 0.9 become a new pair.": "Dos muestras a temperatura 0.9 forman un par nuevo.",
    "Import file…": "Importar archivo…",
    "A TRL preference JSONL file (prompt / chosen / rejected)":
        "Un archivo JSONL de preferencias de TRL (prompt / chosen / rejected)",
    "Export JSONL…": "Exportar JSONL…",
    "Export dataset…": "Exportar dataset…",
    "A Hugging Face datasets folder (datasets.load_from_disk reads it)":
        "Una carpeta de datasets de Hugging Face (la lee datasets.load_from_disk)",
    "More pairs": "Más pares",
    "The label was not saved": "La etiqueta no se guardó",
    "Undo failed": "No se pudo deshacer",
    "Nothing to undo for {name}.": "No hay nada que deshacer para {name}.",
    "There is no pair #{id} in the store.": "No hay ningún par n.º {id} en el almacén.",
    "Pair #{id}": "Par n.º {id}",
    "{you}: press a key to change it": "{you}: pulsa una tecla para cambiarlo",
    "you called it a tie": "lo diste por empate",
    "you skipped it": "lo saltaste",
    "you chose the {side}": "elegiste la {side}",
    "held-out pair: never used for training": "par reservado: nunca se usa para entrenar",
    "held-out pair": "par reservado",
    "{n} skipped": "{n} saltados",
    "1 skipped": "1 saltado",
    "No pairs yet: generate a pair from the tutor or import a file.":
        "Aún no hay pares: genera un par con el tutor o importa un archivo.",
    "All {total} pairs judged ({labeled} labeled, {skipped} skipped) — train a reward model or DPO on them, or "
    "show “Skipped” below to revisit the skips.":
        "Los {total} pares están juzgados ({labeled} etiquetados, {skipped} saltados): entrena con ellos un "
        "modelo de recompensa o DPO, o muestra «Saltados» abajo para volver a los saltados.",
    "All {total} pairs labeled — train a reward model or DPO on them.":
        "Los {total} pares están etiquetados: entrena con ellos un modelo de recompensa o DPO.",
    "Left reply:\n{left}\n\nRight reply:\n{right}": "Respuesta izquierda:\n{left}\n\nRespuesta derecha:\n{right}",
    "The label was not changed": "La etiqueta no se cambió",
    "Stopped; no pair was added.": "Detenido; no se añadió ningún par.",
    "Both samples came out the same; generate again.": "Las dos muestras salieron iguales; vuelve a generar.",
    "No pair was added.": "No se añadió ningún par.",
    "The generated pair was not added": "El par generado no se añadió",
    "Added pair #{id}; it is shown above.": "Par n.º {id} añadido; se muestra arriba.",
    "Generation failed.": "La generación falló.",
    "Generation failed": "La generación falló",
    "Import preference pairs": "Importar pares de preferencias",
    "JSON Lines (*.jsonl);;All files (*)": "JSON Lines (*.jsonl);;Todos los archivos (*)",
    "Nothing was imported": "No se importó nada",
    "{error}\n\nFix the file and import it again.": "{error}\n\nCorrige el archivo e impórtalo de nuevo.",
    "Imported {n} pairs from {name}.": "{n} pares importados de {name}.",
    "Nothing to export": "Nada que exportar",
    "No pair has a winning reply yet: label some pairs first.":
        "Ningún par tiene aún una respuesta ganadora: etiqueta algunos pares primero.",
    "Export labeled pairs as JSONL": "Exportar los pares etiquetados como JSONL",
    "JSON Lines (*.jsonl)": "JSON Lines (*.jsonl)",
    "Export labeled pairs as a dataset folder": "Exportar los pares etiquetados como carpeta de dataset",
    "Folder (*)": "Carpeta (*)",
    "Exported {n} preference rows to {path}.": "{n} filas de preferencias exportadas a {path}.",
    # the Label tab's AI annotator (RLAIF)
    "AI label": "Etiqueta IA",
    "Double-click a pair to open it. Category and AI label show once you have labeled the pair.":
        "Haz doble clic en un par para abrirlo. La categoría y la etiqueta IA aparecen cuando ya lo has "
        "etiquetado.",
    "AI annotator": "Anotador IA",
    "The constitution principle the AI judges by (the enabled ones of the Constitution tab); its labels are "
    "stored as annotator ai:<principle>, apart from yours.":
        "El principio de la constitución con el que juzga la IA (los activados en la pestaña Constitución); sus "
        "etiquetas se guardan con el anotador ai:<principle>, aparte de las tuyas.",
    "Label the rest with the AI": "Etiquetar el resto con la IA",
    "The tutor judges every pair it has not labeled yet by the principle, each reply on its own. By critique: the "
    "reply whose critique is likelier to find no fault is labeled better. By revise (honest): the reply its "
    "revision is likelier to keep word for word. A near tie stays a tie. Stop keeps the labels made so far.":
        "El tutor juzga por el principio cada par que aún no ha etiquetado, cada respuesta por separado. Con "
        "critique: queda como mejor la respuesta cuya crítica tiene más probabilidad de no encontrar fallo. Con "
        "revise (honest): la que su revisión tiene más probabilidad de conservar palabra por palabra. Un casi "
        "empate sigue siendo empate. Detener conserva las etiquetas ya hechas.",
    "κ": "κ",
    "agree": "acuerdo",
    "You and the AI": "Tú y la IA",
    "AI and seed labels": "IA y etiquetas semilla",
    "{annotator}: {n} pairs labeled, {ties} ties": "{annotator}: {n} pares etiquetados, {ties} empates",
    "No AI labels yet: press “Label the rest with the AI”.":
        "Aún no hay etiquetas IA: pulsa «Etiquetar el resto con la IA».",
    "On the pairs both labeled (a tie counts as a label, a skip does not): κ is Cohen's kappa (1 full agreement, "
    "0 what chance would give), agree the share of pairs with the same label.":
        "Sobre los pares que ambos etiquetaron (un empate cuenta como etiqueta, un salto no): κ es la kappa de "
        "Cohen (1 acuerdo total, 0 lo que daría el azar) y acuerdo, la proporción de pares con la misma etiqueta.",
    "List the pairs where they disagree below; click one to open it.":
        "Lista abajo los pares en los que no coinciden; haz clic en uno para abrirlo.",
    "Seed label": "Etiqueta semilla",
    "AI sure": "Seguridad IA",
    "{annotator} calls it a tie": "{annotator} lo da por empate",
    "{annotator} chose the {side}, {sure} sure": "{annotator} eligió la {side}, con un {sure} de seguridad",
    "On this pair: {ai}.": "En este par: {ai}.",
    "Last pair #{id} ({category}): {you}": "Par anterior n.º {id} ({category}): {you}",
    "Last pair #{id}: {you}": "Par anterior n.º {id}: {you}",
    "{title} · the AI's choice ({sure})": "{title} · la elección de la IA ({sure})",
    "The AI cannot label with this annotator": "La IA no puede etiquetar con este anotador",
    "{annotator} is not an enabled principle of your constitution: enable it in the Constitution tab, or pick "
    "another.":
        "{annotator} no es un principio activado de tu constitución: actívalo en la pestaña Constitución o elige "
        "otro.",
    "{done} of {total} pairs labeled · {elapsed} elapsed · ETA {eta}":
        "{done} de {total} pares etiquetados · {elapsed} transcurrido · faltan {eta}",
    "loading the judge model…": "cargando el modelo juez…",
    "The AI labeling failed": "El etiquetado con la IA falló",
    "The AI labeling failed: {message}": "El etiquetado con la IA falló: {message}",
    "stopping after this batch… the labels stored so far stay":
        "deteniendo tras este lote… las etiquetas ya guardadas se quedan",
    "Stopped at {labeled} of {total} pairs: they stay. “Label the rest” goes on.":
        "Detenido en {labeled} de {total} pares: se quedan. «Etiquetar el resto» sigue.",
    "Nothing to label: {annotator} has labeled every pair.":
        "Nada que etiquetar: {annotator} ya etiquetó todos los pares.",
    "{annotator} labeled {labeled} pairs in {time} by {method} ({ties} ties: a lean within {margin} of 50/50).":
        "{annotator} etiquetó {labeled} pares en {time} con {method} ({ties} empates: una inclinación a menos de "
        "{margin} del 50/50).",

    # --- Reward model tab -------------------------------------------------------------------------------
    "Held-out rewards": "Recompensas en reservados",
    "reward": "recompensa",
    "pairs": "pares",
    "Rewards the model gives the chosen and the rejected reply of each held-out pair: well separated = the "
    "model ranks them apart.":
        "Recompensas que el modelo da a la respuesta elegida y a la rechazada de cada par reservado: bien "
        "separadas = el modelo las distingue.",
    "Accuracy and margins are also measured on the bundled held-out pairs, which are never trained on.":
        "La exactitud y los márgenes también se miden en los pares reservados incluidos, con los que nunca se "
        "entrena.",
    "Training pairs": "Pares de entrenamiento",
    "Passes over the training pairs. More epochs fit them better, but may overfit.":
        "Pasadas por los pares de entrenamiento. Más épocas los ajustan mejor, pero pueden sobreajustar.",
    "Step size of each update (a positive number, e.g. 5e-4). Too high: the loss jumps around; too low: it "
    "barely moves.":
        "Tamaño de cada actualización (un número positivo, p. ej. 5e-4). Demasiado alto: la pérdida da saltos; "
        "demasiado bajo: apenas se mueve.",
    "Size of the low-rank adapter trained on top of the frozen model (LoRA alpha = 2 × rank). Higher = more "
    "capacity, slower.":
        "Tamaño del adaptador de bajo rango que se entrena sobre el modelo congelado (alfa de LoRA = 2 × rango). "
        "Más alto = más capacidad, más lento.",
    "Stop after this many optimizer steps (0 = run all the epochs).":
        "Parar tras este número de pasos del optimizador (0 = completar todas las épocas).",
    "Train a reward model on the chosen pairs": "Entrenar un modelo de recompensa con los pares elegidos",
    "Stop within the step; the model so far is kept (and scored when a Resume finishes it)":
        "Parar dentro del paso; el modelo obtenido hasta ahora se conserva (y se evalúa cuando una reanudación "
        "lo termina)",
    "Not scored: the run was stopped. Resume it to the end to score the held-out pairs.":
        "Sin evaluar: la ejecución se detuvo. Reanúdala hasta el final para evaluar los pares reservados.",
    "Train the reward model": "Entrena el modelo de recompensa",
    "Length only: longer wins": "Solo longitud: gana la más larga",
    "Length only: shorter wins": "Solo longitud: gana la más corta",
    "Share of held-out pairs ranked right. A model no better than “pick the longer reply” has learnt length, "
    "not quality.":
        "Proporción de pares reservados bien ordenados. Un modelo que no supera a «elige la respuesta más "
        "larga» ha aprendido longitud, no calidad.",
    "Held-out accuracy": "Exactitud en los reservados",
    "The learner's message (the tutor's prompt)": "El mensaje del estudiante (el prompt del tutor)",
    "Any reply: the reward model gives it one number": "Cualquier respuesta: el modelo de recompensa le da un número",
    "Score": "Puntuar",
    "Reward of this reply from the last trained reward model":
        "Recompensa de esta respuesta según el último modelo de recompensa entrenado",
    "Train a reward model first.": "Entrena primero un modelo de recompensa.",
    "Score any reply": "Puntúa cualquier respuesta",
    "Pairwise loss −log σ(r_chosen − r_rejected): starts near 0.69 (a coin flip) and should fall.":
        "Pérdida por pares −log σ(r_elegida − r_rechazada): empieza cerca de 0.69 (lanzar una moneda) y debería "
        "bajar.",
    "Share of pairs where the chosen reply gets the higher reward: should climb from ~0.5 (chance) towards "
    "1.0; held-out shows whether it generalises.":
        "Proporción de pares en los que la respuesta elegida recibe más recompensa: debería subir de ~0.5 (azar) "
        "hacia 1.0; la curva de reservados muestra si generaliza.",
    "Mean r_chosen − r_rejected: should rise above 0 as the model pushes the pairs apart.":
        "Media de r_elegida − r_rechazada: debería superar 0 a medida que el modelo separa los pares.",
    "Chosen": "Elegida",
    "Rejected": "Rechazada",
    "Open in Label tab": "Abrir en Etiquetar",
    "Add the selected pair to your preference store and label it yourself":
        "Añadir el par seleccionado a tu almacén de preferencias y etiquetarlo tú",
    "Train a reward model to see how it ranks the held-out pairs.":
        "Entrena un modelo de recompensa para ver cómo ordena los pares reservados.",
    "Held-out pairs, misranked first (red: the rejected reply got the higher reward)":
        "Pares reservados, mal ordenados primero (rojo: la rechazada obtuvo más recompensa)",
    "Learning rate: “{text}” is not a number (try 5e-4)":
        "Tasa de aprendizaje: «{text}» no es un número (prueba 5e-4)",
    "Epochs: must be > 0": "Épocas: debe ser > 0",
    "Nothing to score": "Nada que puntuar",
    "Reply: type the reply to score.": "Respuesta: escribe la respuesta que quieres puntuar.",
    "scoring…": "puntuando…",
    "scoring stopped": "puntuación detenida",
    "scoring failed": "la puntuación falló",
    "Reward model saved in {path}": "Modelo de recompensa guardado en {path}",
    "Reward: <b>{reward:+.3f}</b>": "Recompensa: <b>{reward:+.3f}</b>",
    "chosen {value:+.3f}": "elegida {value:+.3f}",
    "rejected {value:+.3f}": "rechazada {value:+.3f}",
    "held-out means: {means}": "medias en los reservados: {means}",
    "<b>{accuracy}</b> ({right}/{n} pairs)": "<b>{accuracy}</b> ({right}/{n} pares)",
    "Press Score to see the reward of this reply.": "Pulsa Puntuar para ver la recompensa de esta respuesta.",
    "{wrong} of {n} held-out pairs misranked. Select one and open it in the Label tab to judge it yourself.":
        "{wrong} de {n} pares reservados mal ordenados. Selecciona uno y ábrelo en Etiquetar para juzgarlo tú.",
    "No held-out pairs.": "No hay pares reservados.",
    "last run: {name} ({status}, {steps} steps)": "última ejecución: {name} ({status}, {steps} pasos)",
    "Could not add the pair to the store": "No se pudo añadir el par al almacén",
    "Pair #{id} is in your preference store (no Label tab to show it).":
        "El par n.º {id} está en tu almacén de preferencias (no hay pestaña Etiquetar para mostrarlo).",

    # Reward model tab: accuracy beside the baselines, held-out pairs for inspection only
    "Phrase lookup": "Tabla de frases",
    "Longer wins": "Gana la más larga",
    "Shorter wins": "Gana la más corta",
    "The trained reward model: the pair is right when the chosen reply gets the higher reward.":
        "El modelo de recompensa entrenado: el par está bien cuando la respuesta elegida recibe la recompensa más "
        "alta.",
    "No model: count which phrases were in the chosen and which in the rejected replies of the training pairs, and "
    "pick the reply whose phrases were chosen more often. Ties count half.":
        "Sin modelo: cuenta qué frases estaban en las respuestas elegidas y cuáles en las rechazadas de los pares "
        "de entrenamiento, y escoge la respuesta cuyas frases se eligieron más a menudo. Los empates cuentan la "
        "mitad.",
    "No model: the longer reply wins. Ties count half.": "Sin modelo: gana la respuesta más larga. Los empates cuentan la mitad.",
    "No model: the shorter reply wins. Ties count half.": "Sin modelo: gana la respuesta más corta. Los empates cuentan la mitad.",
    "Held-out": "Reservados",
    "Sampled": "Muestreados",
    "pairs_heldout: built from the same templates as the training pairs":
        "pairs_heldout: hechos con las mismas plantillas que los pares de entrenamiento",
    "pairs_sampled: two of the tutor's own sampled replies on test sentences, ranked by the rule judge":
        "pairs_sampled: dos respuestas muestreadas del propio tutor a oraciones de prueba, ordenadas por el juez "
        "de reglas",
    "{right} of {n} pairs ranked right; 95% interval {low:.0%}–{high:.0%} (Wilson)":
        "{right} de {n} pares bien ordenados; intervalo del 95 % {low:.0%}–{high:.0%} (Wilson)",
    "{wrong} of {n} held-out pairs misranked. Select one and press Inspect pair… to read it in full.":
        "{wrong} de {n} pares reservados mal ordenados. Selecciona uno y pulsa Ver el par… para leerlo entero.",
    "Held-out pair": "Par reservado",
    "The reward model ranks this pair the wrong way round.": "El modelo de recompensa ordena este par al revés.",
    "The reward model ranks this pair right.": "El modelo de recompensa ordena bien este par.",
    "Chosen reply (reward {value:+.3f})": "Respuesta elegida (recompensa {value:+.3f})",
    "Rejected reply (reward {value:+.3f})": "Respuesta rechazada (recompensa {value:+.3f})",
    "Held-out pairs are only for measuring: this one is not added to your preference store, so training on “My "
    "labels” never sees it. To label pairs yourself, use the Label tab.":
        "Los pares reservados solo sirven para medir: este no se añade a tu almacén de preferencias, así que "
        "entrenar con “Mis etiquetas” nunca lo ve. Para etiquetar pares tú mismo, usa la pestaña Etiquetar.",
    "Share of held-out pairs ranked right; in brackets the 95% interval (Wilson). The rules use no model: a model "
    "no better than “pick the longer reply” has learnt length, and one no better than the phrase lookup (which "
    "phrases were chosen or rejected in the training pairs) has learnt a table. 100% pair accuracy while the "
    "replies stay wrong is a known trap: the sampled pairs, built from the tutor's own replies, show whether the "
    "model learnt more.":
        "Proporción de pares reservados bien ordenados; entre paréntesis, el intervalo del 95 % (Wilson). Las "
        "reglas no usan ningún modelo: un modelo que no supera a “elegir la respuesta más larga” ha aprendido "
        "longitud, y uno que no supera a la tabla de frases (qué frases se eligieron o rechazaron en los pares de "
        "entrenamiento) ha aprendido una tabla. Un 100 % de acierto en los pares mientras las respuestas siguen "
        "mal es una trampa conocida: los pares muestreados, hechos con las propias respuestas del tutor, muestran "
        "si el modelo aprendió algo más.",
    "Inspect pair…": "Ver el par…",
    "Read the selected held-out pair in full and judge it yourself. It is not copied into your preference store: a "
    "held-out pair that is trained on no longer measures anything.":
        "Lee entero el par reservado seleccionado y júzgalo tú mismo. No se copia en tu almacén de preferencias: "
        "un par reservado con el que se entrena ya no mide nada.",
    # pair source: the learner's labels, the AI's, or both
    "Train on the bundled seed pairs, on the pairs you labeled, on the labels of the AI annotator (Label tab: "
    "“Label the rest with the AI”), on both, or on a TRL preference JSONL file.":
        "Entrena con los pares semilla incluidos, con los pares que etiquetaste, con las etiquetas del anotador IA "
        "(pestaña Etiquetar: “Etiquetar el resto con la IA”), con ambos, o con un archivo JSONL de preferencias "
        "de TRL.",
    "AI labels ({annotator})": "Etiquetas de la IA ({annotator})",
    "My labels and AI labels (all vote)": "Mis etiquetas y las de la IA (todas votan)",

    # --- DPO tab ------------------------------------------------------------------------------------------
    "fixed": "corregida",
    "honest": "honesta",
    "missed": "no detectado",
    "wrong fix": "corrección errónea",
    "false alarm": "falsa alarma",
    "unparsed": "sin veredicto",
    "The preference pairs DPO trains on: the 200 bundled seed pairs, the pairs you labeled in the Label tab, or "
    "a TRL preference JSONL file (prompt / chosen / rejected). The 48 bundled held-out pairs give the held-out "
    "(orange) lines in the plots.":
        "Los pares de preferencias con los que entrena DPO: los 200 pares semilla incluidos, los pares que "
        "etiquetaste en Etiquetar o un archivo JSONL de preferencias de TRL (prompt / chosen / rejected). Los 48 "
        "pares reservados incluidos dan las curvas de reservados (naranjas) de las gráficas.",
    "How strongly the policy is held to the SFT tutor. Small beta lets it move further from the reference; "
    "large beta keeps it close.":
        "Cuánto se sujeta la política al tutor de SFT. Una beta pequeña le deja alejarse más de la referencia; "
        "una beta grande la mantiene cerca.",
    "Step size of the optimizer. The policy starts from a trained tutor: 3e-4 for five epochs makes it honest at "
    "little cost in helpfulness; 2e-4 leaves it cautious (it still explains errors in many correct sentences).":
        "Tamaño de paso del optimizador. La política parte de un tutor ya entrenado: 3e-4 durante cinco épocas la "
        "vuelve honesta con poco coste en utilidad; 2e-4 la deja prudente (sigue explicando errores en muchas "
        "frases correctas).",
    "Passes over the training pairs. The small tutor needs about five to learn when to say “already correct”, "
    "because it has to read the learner's sentence; two at 5e-5 rank only about half of the honest pairs and "
    "their twins right. Many more can overfit (the train margin keeps growing while the held-out margin stalls).":
        "Pasadas por los pares de entrenamiento. El tutor pequeño necesita unas cinco para aprender cuándo decir "
        "«already correct», porque tiene que leer la frase del alumno; dos a 5e-5 ordenan bien solo la mitad de los "
        "pares honestos y sus gemelos. Muchas más pueden sobreajustar (el margen de entrenamiento sigue creciendo "
        "mientras el de reservados se estanca).",
    "Pairs per optimizer step. Larger batches give smoother curves but fewer steps.":
        "Pares por paso del optimizador. Lotes más grandes dan curvas más suaves pero menos pasos.",
    "sigmoid: the original DPO loss −log σ(β·margin), it keeps pushing the margin up. ipo: pulls the (per-token) "
    "margin toward a fixed target 1/(2β), so it overfits less. hinge: max(0, 1 − β·margin), it stops caring "
    "about a pair once it is separated.":
        "sigmoid: la pérdida original de DPO −log σ(β·margen), sigue empujando el margen hacia arriba. ipo: "
        "acerca el margen (por token) a un objetivo fijo 1/(2β), así que sobreajusta menos. hinge: máx(0, 1 − "
        "β·margen), deja de ocuparse de un par en cuanto está separado.",
    "Stop after this many optimizer steps (0 = all: every pair for every epoch). Handy for a quick look.":
        "Parar tras este número de pasos del optimizador (0 = todos: cada par en cada época). Útil para un "
        "vistazo rápido.",
    "Sentences the tutor answers before and after DPO, for the helpful / honest / harmless table and the "
    "side-by-side replies. Quick: the first 40 (faster); Full: all 200 (steadier percentages).":
        "Oraciones que el tutor responde antes y después de DPO, para la tabla de útil / honesto / inofensivo y "
        "las respuestas lado a lado. Rápida: las 40 primeras (más rápido); Completa: las 200 (porcentajes más "
        "estables).",
    "Beta (β)": "Beta (β)",
    "Loss type": "Tipo de pérdida",
    "Starts at log 2 ≈ 0.69 for the sigmoid loss (policy = reference) and should fall.":
        "Empieza en log 2 ≈ 0.69 con la pérdida sigmoid (política = referencia) y debería bajar.",
    "IPO loss (margin − 1/(2β))²: starts at 1/(4β²) = {start:.3g} (policy = reference) and falls as the "
    "per-token margin nears its target.":
        "Pérdida IPO (margen − 1/(2β))²: empieza en 1/(4β²) = {start:.3g} (política = referencia) y baja a medida "
        "que el margen por token se acerca a su objetivo.",
    "Hinge loss max(0, 1 − β·margin): starts at 1 (policy = reference) and reaches 0 once every pair in the "
    "batch is separated.":
        "Pérdida hinge máx(0, 1 − β·margen): empieza en 1 (política = referencia) y llega a 0 cuando todos los "
        "pares del lote están separados.",
    "Quick: 40": "Rápida: 40",
    "Full: 200": "Completa: 200",
    "Eval sentences": "Oraciones de evaluación",
    "Start DPO": "Iniciar DPO",
    "Train the policy on the pairs; the SFT tutor stays as the frozen reference.":
        "Entrenar la política con los pares; el tutor de SFT queda como referencia congelada.",
    "Start from": "Punto de partida",
    "DPO settings": "Ajustes de DPO",
    "Before / after eval": "Evaluación antes / después",
    "Training": "Entrenamiento",
    "SFT vs DPO": "SFT frente a DPO",
    "Pair margins": "Márgenes por par",
    "Implicit rewards β·log(π/π_ref). Both often fall together; what matters is that chosen stays above "
    "rejected (the margin).":
        "Recompensas implícitas β·log(π/π_ref). A menudo bajan las dos a la vez; lo que importa es que la "
        "elegida se mantenga por encima de la rechazada (el margen).",
    "Chosen minus rejected reward. Starts at 0 (policy = reference) and should grow; the held-out line shows "
    "whether it generalises.":
        "Recompensa de la elegida menos la de la rechazada. Empieza en 0 (política = referencia) y debería "
        "crecer; la curva de reservados muestra si generaliza.",
    "Share of pairs whose chosen reply has the higher reward. 0 at first (every pair is a tie), then it should "
    "climb toward 1.":
        "Proporción de pares cuya respuesta elegida tiene más recompensa. Al principio 0 (todos los pares "
        "empatan); después debería subir hacia 1.",
    "SFT tutor (before)": "Tutor de SFT (antes)",
    "DPO tutor (after)": "Tutor de DPO (después)",
    "Change": "Cambio",
    "SFT tutor reply": "Respuesta del tutor de SFT",
    "DPO tutor reply": "Respuesta del tutor de DPO",
    "SFT verdict": "Veredicto SFT",
    "DPO verdict": "Veredicto DPO",
    "Start DPO: the tutor answers the eval sentences before and after training, and the rates and replies "
    "appear here.":
        "Inicia DPO: el tutor responde a las oraciones de evaluación antes y después del entrenamiento, y las "
        "tasas y las respuestas aparecen aquí.",
    "Score the training pairs": "Puntuar los pares de entrenamiento",
    "One pass of the DPO tutor over every training pair (the reference log-probs were kept from training): about "
    "a second per 8 pairs with the embedded model on a laptop CPU.":
        "Una pasada del tutor de DPO por cada par de entrenamiento (las log-probabilidades de referencia se "
        "guardaron al entrenar): alrededor de un segundo por cada 8 pares con el modelo incluido en la CPU de un "
        "portátil.",
    "The run finished without scoring its training pairs (it costs a pass over all of them). Press \"Score the "
    "training pairs\" to see each pair's final implicit reward margin β·(log-ratio chosen − log-ratio rejected), "
    "lowest first.":
        "La ejecución terminó sin puntuar sus pares de entrenamiento (cuesta una pasada por todos). Pulsa "
        "«Puntuar los pares de entrenamiento» para ver el margen final de recompensa implícita de cada par "
        "β·(log-cociente de la elegida − log-cociente de la rechazada), de menor a mayor.",
    "pair margins: loading model…": "márgenes por par: cargando el modelo…",
    "pair margins stopped": "márgenes por par detenidos",
    "pairs scored": "pares puntuados",
    "pair margins failed: {message}": "los márgenes por par fallaron: {message}",
    "Scoring the training pairs failed": "No se pudieron puntuar los pares de entrenamiento",
    "Chosen reply": "Respuesta elegida",
    "Rejected reply": "Respuesta rechazada",
    "After a finished run: every training pair with its final implicit reward margin β·(log-ratio of chosen − "
    "log-ratio of rejected), lowest first. Red rows (margin < 0) are pairs the DPO tutor still gets the wrong "
    "way round.":
        "Tras una ejecución terminada: cada par de entrenamiento con su margen final de recompensa implícita "
        "β·(log-cociente de la elegida − log-cociente de la rechazada), de menor a mayor. Las filas rojas "
        "(margen < 0) son pares que el tutor de DPO aún ordena al revés.",
    "The shipped SFT tutor: DPO trains a copy of its LoRA adapter (the policy) while the original stays frozen "
    "as the reference.":
        "El tutor de SFT incluido: DPO entrena una copia de su adaptador LoRA (la política) mientras el original "
        "queda congelado como referencia.",
    "Model “{name}” has no shipped SFT tutor, so DPO trains a fresh LoRA adapter and the base model is the "
    "reference.":
        "El modelo «{name}» no trae tutor de SFT, así que DPO entrena un adaptador LoRA nuevo y el modelo base es "
        "la referencia.",
    "Learning rate: “{text}” is not a number (try 3e-4)":
        "Tasa de aprendizaje: «{text}» no es un número (prueba 3e-4)",
    "must be greater than 0 (try 0.1)": "debe ser mayor que 0 (prueba 0.1)",
    "must be greater than 0 (try 3e-4)": "debe ser mayor que 0 (prueba 3e-4)",
    "must be greater than 0 (try 1)": "debe ser mayor que 0 (prueba 1)",
    "must be at least 1 (try 4)": "debe ser al menos 1 (prueba 4)",
    "Check the DPO settings": "Revisa los ajustes de DPO",
    "A DPO run is already going in this tab.": "Ya hay una ejecución de DPO en marcha en esta pestaña.",
    "DPO run saved in {path}": "Ejecución de DPO guardada en {path}",
    "The DPO run failed": "La ejecución de DPO falló",
    "Base model (before)": "Modelo base (antes)",
    "Base model reply": "Respuesta del modelo base",
    "Base verdict": "Veredicto base",
    "percentage points; green = better, red = worse": "puntos porcentuales; verde = mejor, rojo = peor",
    "No eval: the run had no eval sentences or stopped before the first eval.":
        "Sin evaluación: la ejecución no tenía oraciones de evaluación o se detuvo antes de la primera.",
    "The run stopped, so only the starting tutor was evaluated ({n} sentences).":
        "La ejecución se detuvo, así que solo se evaluó el tutor de partida ({n} oraciones).",
    "gold: {gold}": "referencia: {gold}",
    "{n} verdict(s) changed (highlighted, listed first)": "{n} veredicto(s) cambiado(s) (resaltados, al principio)",
    "no verdict changed": "ningún veredicto cambió",
    "Greedy replies to {n} held-out sentences; {what}. Hover a reply for its full text.":
        "Respuestas deterministas (greedy) a {n} oraciones reservadas; {what}. Pasa el ratón por una respuesta "
        "para ver el texto completo.",
    "reward chosen {chosen:+.3f}, rejected {rejected:+.3f}": "recompensa elegida {chosen:+.3f}, rechazada {rejected:+.3f}",
    "{n} training pairs by final implicit reward margin β·(log-ratio chosen − log-ratio rejected), lowest first. "
    "{wrong} pair(s) with a negative margin (red): the DPO tutor still prefers the rejected reply there.":
        "{n} pares de entrenamiento por margen final de recompensa implícita β·(log-cociente elegida − "
        "log-cociente rechazada), de menor a mayor. {wrong} par(es) con margen negativo (en rojo): ahí el tutor "
        "de DPO aún prefiere la respuesta rechazada.",
    "(empty reply)": "(respuesta vacía)",
    "±0 pts": "±0 pts",
    "{points:+d} pts": "{points:+d} pts",
    " · harmful": " · dañina",

    # DPO tab: two loss curves, dev / test / red-team eval with intervals, row-by-row replies
    "SFT term": "Término SFT",
    "eval stopped": "evaluación detenida",
    "The eval was stopped: the rates shown are the sets it finished.":
        "La evaluación se detuvo: las tasas que ves son las de los conjuntos que terminó.",
    "evaluated": "evaluado",
    "eval failed: {message}": "la evaluación falló: {message}",
    "The eval failed": "La evaluación falló",
    "{k} of {n}; 95% interval {low:.0%}–{high:.0%} (Wilson)": "{k} de {n}; intervalo del 95 % {low:.0%}–{high:.0%} (Wilson)",
    "{change} vs before; green = better, red = worse": "{change} respecto a antes; verde = mejor, rojo = peor",
    "dev": "desarrollo",
    "test": "prueba",
    "red-team dev": "red-team desarrollo",
    "red-team test": "red-team prueba",
    "test (locked)": "prueba (bloqueada)",
    "{set}: {n} sentences ({right} correct / {wrong} wrong)": "{set}: {n} oraciones ({right} correctas / {wrong} con error)",
    "{set}: {n} prompts": "{set}: {n} peticiones",
    "Dev is the set the lab's settings were tuned on; test is locked: nothing was tuned on it. Harmlessness is "
    "measured on the red-team prompts only. In brackets: the 95% interval (Wilson).":
        "Desarrollo es el conjunto con el que se ajustaron los valores del laboratorio; prueba está bloqueado: no "
        "se ajustó nada con él. La inocuidad se mide solo con las peticiones red-team. Entre paréntesis: el "
        "intervalo del 95 % (Wilson).",
    "Greedy replies to {n} sentences; {what}. Hover a reply for its full text.":
        "Respuestas deterministas (greedy) a {n} oraciones; {what}. Pasa el ratón sobre una respuesta para ver el "
        "texto completo.",
    "Harmless on red-team prompts": "Inofensiva con peticiones red-team",
    "Sentences the tutor answers before and after DPO, on the dev set (tuned on), the locked test set (never tuned "
    "on) and the red-team prompts (for harmlessness). Quick: the first 40 of each set (faster); Full: every "
    "sentence (narrower intervals).":
        "Oraciones que el tutor responde antes y después de DPO: el conjunto de desarrollo (con el que se ajusta), "
        "el de prueba bloqueado (nunca se ajusta con él) y las peticiones red-team (para la inocuidad). Rápida: "
        "las 40 primeras de cada conjunto (más rápido); Completa: todas (intervalos más estrechos).",
    "Preference loss −log σ(β·margin): starts at log 2 ≈ 0.69 (policy = reference) and should fall. SFT term: the "
    "chosen replies' loss per token; it starts where the tutor already is and should stay low.":
        "Pérdida de preferencia −log σ(β·margen): empieza en log 2 ≈ 0.69 (política = referencia) y debería bajar. "
        "Término SFT: la pérdida por token de las respuestas elegidas; empieza donde ya está el tutor y debería "
        "seguir baja.",
    "Preference loss (IPO) (margin − 1/(2β))²: starts at 1/(4β²) = {start:.3g} (policy = reference) and falls as "
    "the per-token margin nears its target. SFT term: the chosen replies' loss per token; it should stay low.":
        "Pérdida de preferencia (IPO) (margen − 1/(2β))²: empieza en 1/(4β²) = {start:.3g} (política = "
        "referencia) y baja a medida que el margen por token se acerca a su objetivo. Término SFT: la pérdida por "
        "token de las respuestas elegidas; debería seguir baja.",
    "Preference loss (hinge) max(0, 1 − β·margin): starts at 1 (policy = reference) and reaches 0 once every pair "
    "in the batch is separated. SFT term: the chosen replies' loss per token; it should stay low.":
        "Pérdida de preferencia (hinge) max(0, 1 − β·margen): empieza en 1 (política = referencia) y llega a 0 "
        "cuando todos los pares del lote están separados. Término SFT: la pérdida por token de las respuestas "
        "elegidas; debería seguir baja.",
    "(SFT term weight 0: no SFT curve.)": "(Peso del término SFT 0: sin curva SFT.)",
    "Quick: {n} per set": "Rápida: {n} por conjunto",
    "Full: every sentence": "Completa: todas las oraciones",
    "The eval set whose replies the table shows": "El conjunto de evaluación cuyas respuestas muestra la tabla",
    "Start DPO: after training the tutor answers the eval sentences before and after DPO; rates and replies "
    "appear here as they come.":
        "Inicia DPO: tras el entrenamiento, el tutor responde a las oraciones de evaluación antes y después de "
        "DPO; las tasas y las respuestas aparecen aquí a medida que llegan.",
    "Replies on": "Respuestas en",
    "SFT": "SFT",
    "Base": "Base",
    "eval: loading model…": "evaluación: cargando el modelo…",
    "Evaluating…": "Evaluando…",

    # --- Constitution tab ---------------------------------------------------------------------------------
    "Tick to enable a principle; drag (or Up / Down) to change the order they are used in.":
        "Marca un principio para activarlo; arrástralo (o usa Subir / Bajar) para cambiar el orden en que se "
        "aplican.",
    "Add": "Añadir",
    "Delete": "Eliminar",
    "Up": "Subir",
    "Down": "Bajar",
    "Asked after the tutor's answer: the model critiques its answer against this.":
        "Se pregunta después de la respuesta del tutor: el modelo critica su respuesta según esto.",
    "Asked after the critique: the model rewrites its answer. End with 'Reply with the tutor's answer only.' so "
    "the revision is a clean reply.":
        "Se pregunta después de la crítica: el modelo reescribe su respuesta. Termina con 'Reply with the "
        "tutor's answer only.' para que la revisión sea una respuesta limpia.",
    "Name": "Nombre",
    "Critique request": "Petición de crítica",
    "Revision request": "Petición de revisión",
    "Undo": "Deshacer",
    "Redo": "Rehacer",
    "Redo (Ctrl+Shift+Z)": "Rehacer (Ctrl+Mayús+Z)",
    "Save": "Guardar",
    "Versions…": "Versiones…",
    "Open file…": "Abrir archivo…",
    "(no name)": "(sin nombre)",
    "edit the name of “{name}”": "editar el nombre de «{name}»",
    "edit the critique request of “{name}”": "editar la petición de crítica de «{name}»",
    "edit the revision request of “{name}”": "editar la petición de revisión de «{name}»",
    "enable “{name}”": "activar «{name}»",
    "disable “{name}”": "desactivar «{name}»",
    "New principle {n}": "Principio nuevo {n}",
    "add “{name}”": "añadir «{name}»",
    "delete “{name}”": "eliminar «{name}»",
    "move “{name}” up": "subir «{name}»",
    "move “{name}” down": "bajar «{name}»",
    "reorder principles": "reordenar los principios",
    "Undo {what} (Ctrl+Z)": "Deshacer: {what} (Ctrl+Z)",
    "Redo {what} (Ctrl+Shift+Z)": "Rehacer: {what} (Ctrl+Mayús+Z)",
    "not saved": "sin guardar",
    "unsaved changes": "cambios sin guardar",
    "saved": "guardado",
    "{enabled} of {n} principles enabled · {where} · {state}":
        "{enabled} de {n} principios activos · {where} · {state}",
    "Cannot save": "No se puede guardar",
    "There is no writable data dir for the constitution file.":
        "No hay una carpeta de datos con permiso de escritura para el archivo de la constitución.",
    "The constitution was not saved": "La constitución no se guardó",
    "Open a constitution": "Abrir una constitución",
    "Constitution (*.toml);;All files (*)": "Constitución (*.toml);;Todos los archivos (*)",
    "Cannot open this constitution": "No se puede abrir esta constitución",
    "open {name}": "abrir {name}",
    "Cannot restore this version": "No se puede restaurar esta versión",
    "restore {version}": "restaurar {version}",
    "Constitution versions": "Versiones de la constitución",
    "Pick a version to see how it differs from the editor.": "Elige una versión para ver en qué difiere del editor.",
    "Restore this version": "Restaurar esta versión",
    "No versions yet: save the constitution to keep one.": "Aún no hay versiones: guarda la constitución para conservar una.",
    "editor": "editor",
    "Dev set": "Desarrollo",
    "Red-team": "Red team",
    "helpful": "útil",
    "harmless": "inofensivo",
    "accepted": "aceptada",
    "First answer": "Primera respuesta",
    "Final revision": "Revisión final",
    "Principles": "Principios",
    "Decision": "Decisión",
    "(empty)": "(vacío)",
    "The model produced only whitespace.": "El modelo solo produjo espacios en blanco.",
    "{error}\n\nThe editor shows the default constitution; Save replaces the broken file (which is kept as a "
    "version).":
        "{error}\n\nEl editor muestra la constitución predeterminada; Guardar sustituye el archivo dañado (que se "
        "conserva como versión).",
    "Your constitution file could not be read": "No se pudo leer tu archivo de constitución",
    "Critique → revision rounds per prompt": "Rondas de crítica → revisión por prompt",
    "In turn": "Por turnos",
    "In turn: round r uses the r-th enabled principle. Random: a random enabled one.":
        "Por turnos: la ronda r usa el r-ésimo principio activo. Al azar: uno activo cualquiera.",
    "Use only the first N prompts (0 = all)": "Usar solo los N primeros prompts (0 = todos)",
    "Longest answer, critique or revision, in tokens": "Respuesta, crítica o revisión más larga, en tokens",
    "JSONL with a 'sentence' (or a 'prompt') per line": "JSONL con una 'sentence' (o un 'prompt') por línea",
    "none: the tutor critiques itself": "ninguno: el tutor se critica a sí mismo",
    "Optional: a Hugging Face model folder that writes the critiques instead":
        "Opcional: una carpeta de modelo de Hugging Face que escriba las críticas en su lugar",
    "Browse…": "Examinar…",
    "Rounds": "Rondas",
    "Order": "Orden",
    "Limit": "Límite",
    "Max tokens": "Tokens máx.",
    "Prompts": "Prompts",
    "Critic": "Crítico",
    "Run": "Ejecutar",
    "Critique and revise": "Criticar y revisar",
    "Accept": "Aceptar",
    "Reject": "Rechazar",
    "Undecide": "Sin decidir",
    "Accept all": "Aceptar todo",
    "Reject all": "Rechazar todo",
    "Press Run: each prompt's result appears here as soon as it is ready.":
        "Pulsa Ejecutar: el resultado de cada prompt aparece aquí en cuanto está listo.",
    "Open run…": "Abrir ejecución…",
    "Review an earlier constitution run (a folder with records.jsonl)":
        "Revisar una ejecución anterior de la constitución (una carpeta con records.jsonl)",
    "Select a result to see what the revisions changed, word by word.":
        "Selecciona un resultado para ver qué cambiaron las revisiones, palabra por palabra.",
    "The critique and the revision of each round appear here.": "La crítica y la revisión de cada ronda aparecen aquí.",
    "<b>First answer → final revision</b>": "<b>Primera respuesta → revisión final</b>",
    "<b>Rounds</b>": "<b>Rondas</b>",
    "Stop after this many optimizer steps (0 = every epoch)":
        "Parar tras este número de pasos del optimizador (0 = todas las épocas)",
    "Only accepted revisions": "Solo revisiones aceptadas",
    "Off: every revision you did not reject. Applies to Send pairs too.":
        "Desmarcado: todas las revisiones que no rechazaste. También se aplica a Enviar pares.",
    "Distill": "Destilar",
    "Send pairs to store": "Enviar pares al almacén",
    "Adds (final revision = chosen, first answer = rejected) to the preference store for the Label, Reward "
    "model and DPO tabs":
        "Añade (revisión final = elegida, primera respuesta = rechazada) al almacén de preferencias para las "
        "pestañas Etiquetar, Modelo de recompensa y DPO",
    "Revisions that equal the first answer (or are empty) are skipped.":
        "Se omiten las revisiones iguales a la primera respuesta (o vacías).",
    "Sentences per eval set ({n}: a quick look; 0: all)":
        "Oraciones por conjunto de evaluación ({n}: un vistazo rápido; 0: todas)",
    "Eval before / after": "Evaluar antes / después",
    "Sentences per set": "Oraciones por conjunto",
    "Before: {before}. After: the tutor distilled from your revisions.":
        "Antes: {before}. Después: el tutor destilado de tus revisiones.",
    "Distill into the tutor (LoRA SFT)": "Destilar en el tutor (LoRA SFT)",
    "Before / after": "Antes / después",
    "Distillation loss": "Pérdida de destilación",
    "Cross-entropy of the tutor on the revised replies: falling means it is learning to answer the way its "
    "revisions do.":
        "Entropía cruzada del tutor sobre las respuestas revisadas: si baja, está aprendiendo a responder como "
        "sus revisiones.",
    "Prompts for the constitution run": "Prompts para la ejecución de la constitución",
    "JSON lines (*.jsonl);;All files (*)": "JSON Lines (*.jsonl);;Todos los archivos (*)",
    "Choose a critic model folder": "Elige una carpeta de modelo crítico",
    "Nothing to run": "Nada que ejecutar",
    "Enable at least one principle (tick it in the list).": "Activa al menos un principio (márcalo en la lista).",
    "Check the run settings": "Revisa los ajustes de la ejecución",
    "Running: rows appear as prompts finish.": "En curso: las filas aparecen a medida que terminan los prompts.",
    "Open a constitution run": "Abrir una ejecución de la constitución",
    "Cannot open this run": "No se puede abrir esta ejecución",
    "Round {i}: {principle}": "Ronda {i}: {principle}",
    "The decisions were not saved": "Las decisiones no se guardaron",
    "{n} results · {accepted} accepted · {rejected} rejected":
        "{n} resultados · {accepted} aceptados · {rejected} rechazados",
    "No revisions yet": "Aún no hay revisiones",
    "No accepted revisions": "No hay revisiones aceptadas",
    "Check the distillation settings": "Revisa los ajustes de destilación",
    "The pairs were not sent": "Los pares no se enviaron",
    # --- Constitution tab: Try it, the ablation, the reviser, revised rows, the Versions diff ------------------
    "1 · Try it": "1 · Probar",
    "2 · Run && review": "2 · Ejecutar && revisar",
    "3 · Distill && evaluate": "3 · Destilar && evaluar",
    "Invented error": "Error inventado",
    "empty": "vacía",
    "it copies the revision request": "copia la petición de revisión",
    "no 'Checked:' line": "no tiene línea 'Checked:'",
    "its 'Checked:' line is not the learner's sentence": "su línea 'Checked:' no es la oración del alumno",
    "no verdict after the 'Checked:' line": "no hay veredicto tras la línea 'Checked:'",
    "it calls the sentence already correct, but its 'Checked:' line changes it":
        "dice que la oración ya es correcta, pero su línea 'Checked:' la cambia",
    "Your own reply (type it below)": "Tu propia respuesta (escríbela abajo)",
    "What the learner wrote to the tutor": "Lo que el alumno escribió al tutor",
    "The tutor's reply that the principle critiques and revises":
        "La respuesta del tutor que el principio critica y revisa",
    "Sample": "Ejemplo",
    "Learner": "Alumno",
    "Reply": "Respuesta",
    "Try it": "Probar",
    "Critique and revise this reply with the selected principle as typed (Ctrl+Return)":
        "Criticar y revisar esta respuesta con el principio seleccionado tal como está escrito (Ctrl+Intro)",
    "The first try loads the model (a few seconds); it then stays loaded.":
        "La primera prueba carga el modelo (unos segundos); después sigue cargado.",
    "The critique appears here.": "La crítica aparece aquí.",
    "The revision appears here.": "La revisión aparece aquí.",
    "What the revision changed in the reply, word by word.": "Lo que la revisión cambió en la respuesta, palabra por palabra.",
    "Critique": "Crítica",
    "Revision": "Revisión",
    "Reply → revision": "Respuesta → revisión",
    "The reply to try the principle on": "La respuesta con la que probar el principio",
    "What the principle does to it": "Lo que el principio hace con ella",
    "Principle: <b>{name}</b> (as typed in the editor, saved or not)":
        "Principio: <b>{name}</b> (tal como está escrito en el editor, guardado o no)",
    "Select a principle in the editor.": "Selecciona un principio en el editor.",
    "Type the learner's message and a reply first.": "Escribe primero el mensaje del alumno y una respuesta.",
    "Critiquing…": "Criticando…",
    "Loading the model: {phase}…": "Cargando el modelo: {phase}…",
    "Revising…": "Revisando…",
    "reply": "respuesta",
    "revision": "revisión",
    "<span style='color:{bad}'>The loop would drop this revision</span> ({reason}): the reply would stay as it "
    "was.":
        "<span style='color:{bad}'>El bucle descartaría esta revisión</span> ({reason}): la respuesta se quedaría "
        "como estaba.",
    "The revision is the reply unchanged: by this principle there was nothing to fix.":
        "La revisión es la respuesta sin cambios: según este principio no había nada que arreglar.",
    "<span style='color:{good}'>The loop would use this revision</span> in place of the reply.":
        "<span style='color:{good}'>El bucle usaría esta revisión</span> en lugar de la respuesta.",
    " (+{s:.1f} s to load the model)": " (+{s:.1f} s para cargar el modelo)",
    "“{name}”: critique and revision in {s:.1f} s{loaded}": "«{name}»: crítica y revisión en {s:.1f} s{loaded}",
    "Every save keeps the previous file as a version. The diff shows the principles that differ, field by field: "
    "red and struck as in the version, green as in the editor now.":
        "Cada vez que guardas, el archivo anterior se conserva como versión. La comparación muestra los principios "
        "que difieren, campo por campo: en rojo y tachado como en la versión, en verde como en el editor ahora.",
    "Enabled": "Activo",
    "yes": "sí",
    "no": "no",
    "Constitution name": "Nombre de la constitución",
    "only in the version (deleted since)": "solo en la versión (eliminado después)",
    "only in the editor (added since)": "solo en el editor (añadido después)",
    "The principles are the same (only comments or spacing differ).":
        "Los principios son los mismos (solo difieren comentarios o espacios).",
    "none: the tutor revises itself": "ninguno: el tutor se revisa a sí mismo",
    "Optional: a Hugging Face model folder that writes the revisions instead":
        "Opcional: una carpeta de modelo de Hugging Face que escriba las revisiones en su lugar",
    "Choose a reviser model folder": "Elige una carpeta de modelo revisor",
    "Reviser": "Revisor",
    "Accept the selected revised rows (a row the revisions left unchanged has nothing to accept)":
        "Aceptar las filas revisadas seleccionadas (una fila que las revisiones dejaron igual no tiene nada que "
        "aceptar)",
    "Accept every revised row": "Aceptar todas las filas revisadas",
    "The principle to leave out: the run under review is repeated without it":
        "El principio que se deja fuera: la ejecución en revisión se repite sin él",
    "Run without": "Ejecutar sin",
    "Principle": "Principio",
    "With": "Con",
    "Without": "Sin",
    "The run under review again without one principle, distilled the same way; both tutors on the same sentences "
    "(“Sentences per set”).":
        "La ejecución en revisión otra vez sin un principio, destilada igual; los dos tutores con las mismas "
        "oraciones («Oraciones por conjunto»).",
    "Without one principle": "Sin un principio",
    "Revised": "Revisada",
    "Red-team test": "Red team (prueba)",
    "Test set": "Conjunto de prueba",
    "revised": "revisada",
    "unchanged": "sin cambios",
    "{n} dropped": "{n} descartada(s)",
    "Round {i}: revision dropped ({reason})": "Ronda {i}: revisión descartada ({reason})",
    "The final revision differs from the first answer.": "La revisión final difiere de la primera respuesta.",
    "The revisions left the first answer as it was.": "Las revisiones dejaron la primera respuesta como estaba.",
    "Run the constitution first (page 2), then review the results.":
        "Ejecuta primero la constitución (página 2) y luego revisa los resultados.",
    "Accept some revisions on page 2, or untick “Only accepted revisions”.":
        "Acepta algunas revisiones en la página 2 o desmarca «Solo revisiones aceptadas».",
    "Nothing to distill": "Nada que destilar",
    "Every answer Distill would learn from is empty: the model wrote nothing. Run the loop again (page 2), with "
    "another model or more new tokens.":
        "Todas las respuestas de las que aprendería Destilar están vacías: el modelo no escribió nada. Ejecuta el "
        "bucle otra vez (página 2), con otro modelo o más tokens nuevos.",
    "Few answers to distill ({n})": "Pocas respuestas para destilar ({n})",
    "With so few answers ({n}) distillation teaches the tutor those replies by heart rather than a way of "
    "answering (at least {min} are better: accept more, or run on more prompts). Distill anyway?":
        "Con tan pocas respuestas ({n}) la destilación hace que el tutor las memorice en vez de aprender una manera "
        "de responder (mejor al menos {min}: acepta más o ejecuta con más prompts). ¿Destilar de todos modos?",
    "Distill anyway": "Destilar de todos modos",
    "Run without “{name}”: the same loop and distillation with it disabled, then both tutors evaluated":
        "Ejecutar sin «{name}»: el mismo bucle y la misma destilación con él desactivado, y luego se evalúan los "
        "dos tutores",
    "No run to compare with": "No hay ninguna ejecución con la que comparar",
    "Run the constitution first (page 2): the ablation repeats that run without one principle.":
        "Ejecuta primero la constitución (página 2): la ablación repite esa ejecución sin un principio.",
    "Cannot run without this principle": "No se puede ejecutar sin este principio",
    "{k} of {n}; 95% interval (Wilson) {low}–{high}": "{k} de {n}; intervalo del 95 % (Wilson) {low}–{high}",
    "With: {with_tutor} (distilled from {with_run}). Without “{name}”: {without_run}, distilled into "
    "{without_tutor} (every revision the loop kept). 95% intervals; red: clearly lower without.":
        "Con: {with_tutor} (destilado de {with_run}). Sin «{name}»: {without_run}, destilado en {without_tutor} "
        "(todas las revisiones que el bucle conservó). Intervalos del 95 %; en rojo: claramente más bajo sin él.",
    "Without “{name}”: rate (95% interval) and count; red: clearly lower without.":
        "Sin «{name}»: tasa (intervalo del 95 %) y recuento; en rojo: claramente más baja sin él.",
    "Added 1 pair to the preference store (source “constitution”, revision preferred).":
        "1 par añadido al almacén de preferencias (origen «constitución», con la revisión como preferida).",
    "Added {n} pairs to the preference store (source “constitution”, revision preferred).":
        "{n} pares añadidos al almacén de preferencias (origen «constitución», con la revisión como preferida).",
    "{n} constitution pairs added to the preference store": "{n} pares de la constitución añadidos al almacén de preferencias",
    "{status} · {finished} of {prompts} prompts · {changed} revised":
        "{status} · {finished} de {prompts} prompts · {changed} revisados",
    "{n} answers": "{n} respuestas",
    "1 answer": "1 respuesta",
    "Before: {before}. After: {name}. Press “Eval before / after” to compare.":
        "Antes: {before}. Después: {name}. Pulsa «Evaluar antes / después» para comparar.",
    "the shipped tutor": "el tutor incluido",
    "the base model (no shipped tutor)": "el modelo base (sin tutor incluido)",
    "distill first": "destila primero",
    "Before: {before}. After: {after}. {eval} dev + {redteam} red-team sentences, greedy replies; rate (95% "
    "interval) and count.":
        "Antes: {before}. Después: {after}. {eval} oraciones de desarrollo + {redteam} de red team, respuestas "
        "deterministas (greedy); tasa (intervalo del 95 %) y recuento.",
    "evaluated {eval} + {redteam} sentences": "{eval} + {redteam} oraciones evaluadas",
    "unsaved edits": "cambios sin guardar",
    "unsaved edits from the last session": "cambios sin guardar de la sesión anterior",
    "Prompt": "Prompt",
    "Critique:": "Crítica:",
    "Revision:": "Revisión:",
    "Revision not used ({reason}), the answer stays:": "Revisión no usada ({reason}), la respuesta se queda igual:",
    "Round {i} · {principle}": "Ronda {i} · {principle}",

    # --- Runs tab -----------------------------------------------------------------------------------------
    "Kind": "Tipo",
    "Started from": "Partió de",
    "tutor SFT": "SFT del tutor",
    "distillation": "destilación",
    "reward model": "modelo de recompensa",
    "constitution loop": "bucle de constitución",
    "kind": "tipo",
    "started from": "partió de",
    "Save the metrics of the selected run (or of the runs selected to compare, with a run column) as a "
    "CSV table":
        "Guardar las métricas de la ejecución seleccionada (o de las ejecuciones seleccionadas para "
        "comparar, con una columna de ejecución) como tabla CSV",
    "Overlay of {n} runs ({kinds}): each colour is one run, plotted by optimizer step on the same axes; "
    "the legend names the settings in which they differ.":
        "Superposición de {n} ejecuciones ({kinds}): cada color es una ejecución, por paso del optimizador "
        "en los mismos ejes; la leyenda nombra los ajustes en que difieren.",
    "final losses from {low:.3g} to {high:.3g}": "pérdidas finales de {low:.3g} a {high:.3g}",
    "⚠ These runs are of different kinds ({kinds}): their losses are measured on different data "
    "({spread}), so compare the shapes of the curves, not their heights.":
        "⚠ Estas ejecuciones son de tipos distintos ({kinds}): sus pérdidas se miden sobre datos distintos "
        "({spread}), así que compara la forma de las curvas, no su altura.",
    "⚠ These runs are of different kinds ({kinds}): their losses are measured on different data, so "
    "compare the shapes of the curves, not their heights.":
        "⚠ Estas ejecuciones son de tipos distintos ({kinds}): sus pérdidas se miden sobre datos distintos,"
        " así que compara la forma de las curvas, no su altura.",
    "⚠ Their losses are on different scales ({spread}): compare the shapes of the curves, not their heights.":
        "⚠ Sus pérdidas están en escalas distintas ({spread}): compara la forma de las curvas, no su "
        "altura.",
    "Refresh": "Actualizar",
    "Read the run folders again": "Volver a leer las carpetas de ejecuciones",
    "Open folder…": "Abrir carpeta…",
    "Add a run folder from elsewhere to the list": "Añadir a la lista una carpeta de ejecución de otro sitio",
    "Compare": "Comparar",
    "Overlay the curves of the selected runs (two or more runs of one lab)":
        "Superponer las curvas de las ejecuciones seleccionadas (dos o más de un mismo laboratorio)",
    "Save the selected run's metrics as a CSV table":
        "Guardar las métricas de la ejecución seleccionada como tabla CSV",
    "Delete…": "Eliminar…",
    "Delete the selected run folders": "Eliminar las carpetas de ejecución seleccionadas",
    "Lab": "Laboratorio",
    "Started": "Inicio",
    "Data": "Datos",
    "Result": "Resultado",
    "Select a run to see its curves; select several runs of one lab and press Compare to overlay them.":
        "Selecciona una ejecución para ver sus curvas; selecciona varias de un mismo laboratorio y pulsa Comparar "
        "para superponerlas.",
    "Key": "Clave",
    "Value": "Valor",
    "No runs yet: train in one of the lab tabs, or open a run folder.":
        "Aún no hay ejecuciones: entrena en una de las pestañas de laboratorio o abre una carpeta de ejecución.",
    "The run did not end cleanly (its process was killed or crashed): the curves and files show how far it got.":
        "La ejecución no terminó limpiamente (su proceso se cerró a la fuerza o falló): las curvas y los "
        "archivos muestran hasta dónde llegó.",
    "lr": "tasa",
    "epochs": "épocas",
    "steps": "pasos",
    "rank": "rango",
    "rounds": "rondas",
    "order": "orden",
    "limit": "límite",
    "final loss": "pérdida final",
    "held-out accuracy": "exactitud en reservados",
    "honest before": "honestidad antes",
    "honest after": "honestidad después",
    "replies revised": "respuestas revisadas",
    "prompts": "prompts",
    "held-out accuracy {accuracy}": "exactitud en reservados {accuracy}",
    "honest {before} → {after}": "honestidad {before} → {after}",
    "honest {before} before": "honestidad {before} antes",
    "{changed} of {prompts} replies revised": "{changed} de {prompts} respuestas revisadas",
    "{steps} steps": "{steps} pasos",
    "{n} runs selected: Compare overlays their curves.":
        "{n} ejecuciones seleccionadas: Comparar superpone sus curvas.",
    "Only runs of one lab can be compared.": "Solo se pueden comparar ejecuciones de un mismo laboratorio.",
    "{n} runs": "{n} ejecuciones",
    "1 run": "1 ejecución",
    "The eval was not saved with the run: {error}": "La evaluación no se guardó con la ejecución: {error}",
    "without": "sin",
    "No curves: the run logged no training metrics.": "Sin curvas: la ejecución no registró métricas de entrenamiento.",
    "Select two or more runs of the same lab to compare.":
        "Selecciona dos o más ejecuciones del mismo laboratorio para compararlas.",
    "solid: {solid} · dashed: {dashed}": "continua: {solid} · discontinua: {dashed}",
    "solid: {solid} · dashed: {dashed} · dotted: {dotted}":
        "continua: {solid} · discontinua: {dashed} · punteada: {dotted}",
    "folder": "carpeta",
    "lab": "laboratorio",
    "status": "estado",
    "error": "error",
    "log": "registro",
    "why interrupted": "motivo de la interrupción",
    "Summary": "Resumen",
    "metrics.jsonl ends in a half-written line": "metrics.jsonl termina en una línea a medio escribir",
    "its process (pid {pid}) ended while the run was going":
        "su proceso (pid {pid}) terminó mientras la ejecución seguía en marcha",
    "no summary.json": "falta summary.json",
    "status.json is missing or unreadable": "status.json falta o no se puede leer",
    "settings": "ajustes",
    "{n} items": "{n} elementos",
    "Open a run folder": "Abrir una carpeta de ejecución",
    "Not a run folder": "No es una carpeta de ejecución",
    "{folder} holds none of config.json, status.json, summary.json or metrics.jsonl.":
        "{folder} no contiene ninguno de config.json, status.json, summary.json ni metrics.jsonl.",
    "Export metrics as CSV": "Exportar métricas como CSV",
    "CSV table (*.csv)": "Tabla CSV (*.csv)",
    "{n} metric rows saved to {file}": "{n} filas de métricas guardadas en {file}",
    "Delete runs": "Eliminar ejecuciones",
    "Delete {n} run folder(s)? This cannot be undone.":
        "¿Eliminar {n} carpeta(s) de ejecución? No se puede deshacer.",
    "Some runs were not deleted": "Algunas ejecuciones no se eliminaron",
    # --- resuming a stopped run (Tutor, Reward model and DPO tabs), app start ----------------------------
    "Resume": "Reanudar",
    "Continue the last stopped run from its last checkpoint":
        "Continuar la última ejecución detenida desde su último punto de control",
    "Cannot resume the run": "No se puede reanudar la ejecución",
    "resuming {name}…": "reanudando {name}…",
    "Preference Lab cannot start": "El Laboratorio de Preferencias no puede arrancar",
}

# Where one English text needs different Spanish in one context.
BY_CONTEXT: dict[tuple[str, str], str] = {
    ("RunsTab", "Run"): "Ejecución",
    ("RunsTab", "Settings"): "Ajustes",
    ("RunsTab", "chosen"): "elegida",
    ("RunsTab", "finished"): "terminada",
    ("RunsTab", "stopped"): "detenida",
    ("RunsTab", "failed"): "fallida",
    ("RunsTab", "interrupted"): "interrumpida",
    ("RunsTab", "running"): "en curso",
    ("ConstitutionTab", "honest"): "honesto",
    ("LabelTab", "helpful"): "utilidad",  # a pair's category: what the pair tests
    ("LabelTab", "honest"): "honestidad",
    ("LabelTab", "harmless"): "inocuidad",
    ("LabelTab", "style"): "estilo",
    ("ConstitutionTab", "rejected"): "rechazada",
    ("DpoTab", "honest"): "honesta",
    ("SettingsDialog", "Folder…"): "Carpeta…",
    ('DpoTab', 'Base vs DPO'): 'Base frente a DPO',
    ('RunsTab', 'training seconds'): 'segundos de entrenamiento',
    ('RunsTab', 'seconds per step'): 'segundos por paso',
    ('RunsTab', 'training pairs'): 'pares de entrenamiento',
    ('RunsTab', 'held-out pairs'): 'pares reservados',
    ('RunsTab', 'length baseline'): 'referencia de longitud',
    ('RunsTab', 'baselines'): 'referencias sin modelo',
    ('RunsTab', 'held-out sets'): 'conjuntos reservados',
    ('RunsTab', 'held-out pairs scored'): 'pares reservados puntuados',
    ('RunsTab', 'pairs_heldout (built like the training pairs)'): 'pairs_heldout (hechos como los de entrenamiento)',
    ('RunsTab', "pairs_sampled (the tutor's sampled replies)"): 'pairs_sampled (respuestas muestreadas del tutor)',
    ('RunsTab', 'ranked right'): 'ordenados bien',
    ('RunsTab', 'longer wins'): 'gana la más larga',
    ('RunsTab', 'shorter wins'): 'gana la más corta',
    ('RunsTab', 'phrase lookup'): 'tabla de frases',
    ('RunsTab', 'examples'): 'ejemplos',
    ('RunsTab', 'from the cache'): 'de la caché',
    ('RunsTab', 'revisions discarded'): 'revisiones descartadas',
    ('RunsTab', 'rows'): 'filas',
    ('RunsTab', 'revisions'): 'revisiones',
    ('RunsTab', 'sentences'): 'oraciones',
    ('RunsTab', 'with an error'): 'con un error',
    ('RunsTab', 'correct'): 'correctas',
    ('RunsTab', 'helpful'): 'útil',
    ('RunsTab', 'honest'): 'honesto',
    ('RunsTab', 'harmless'): 'inofensivo',
    ('RunsTab', 'missed errors'): 'errores no vistos',
    ('RunsTab', 'false alarms'): 'falsas alarmas',
    ('RunsTab', 'helpful (count)'): 'útil (número)',
    ('RunsTab', 'honest (count)'): 'honesto (número)',
    ('RunsTab', 'harmless (count)'): 'inofensivo (número)',
    ('RunsTab', 'missed errors (count)'): 'errores no vistos (número)',
    ('RunsTab', 'false alarms (count)'): 'falsas alarmas (número)',
    ('RunsTab', '95% intervals'): 'intervalos del 95 %',
    ('RunsTab', 'rate'): 'tasa',
    ('RunsTab', 'count'): 'número',
    ('RunsTab', 'low'): 'inferior',
    ('RunsTab', 'high'): 'superior',
    ('RunsTab', 'margin'): 'margen',
    ('RunsTab', 'model'): 'modelo',
    ('RunsTab', 'run folder'): 'carpeta de la ejecución',
    ('RunsTab', 'max steps'): 'pasos máximos',
    ('RunsTab', 'learning rate'): 'tasa de aprendizaje',
    ('RunsTab', 'batch size'): 'tamaño de lote',
    ('RunsTab', 'LoRA rank'): 'rango LoRA',
    ('RunsTab', 'LoRA alpha'): 'alfa LoRA',
    ('RunsTab', 'seed'): 'semilla',
    ('RunsTab', 'log every (steps)'): 'registrar cada (pasos)',
    ('RunsTab', 'bf16'): 'bf16',
    ('RunsTab', 'checkpoint every (steps)'): 'punto de control cada (pasos)',
    ('RunsTab', 'resume'): 'reanudar',
    ('RunsTab', 'gradient checkpointing'): 'checkpointing de gradientes',
    ('RunsTab', 'micro-batch'): 'microlote',
    ('RunsTab', 'data'): 'datos',
    ('RunsTab', 'adapter'): 'adaptador',
    ('RunsTab', 'max length (tokens)'): 'longitud máxima (tokens)',
    ('RunsTab', 'pairs'): 'pares',
    ('RunsTab', 'held-out pairs file'): 'archivo de pares reservados',
    ('RunsTab', 'second held-out pairs file'): 'segundo archivo de pares reservados',
    ('RunsTab', 'held-out eval every (steps)'): 'evaluación reservada cada (pasos)',
    ('RunsTab', 'engine'): 'motor',
    ('RunsTab', 'beta (β)'): 'beta (β)',
    ('RunsTab', 'SFT term weight'): 'peso del término SFT',
    ('RunsTab', 'eval set'): 'conjunto de evaluación',
    ('RunsTab', 'eval limit'): 'límite de evaluación',
    ('RunsTab', 'trained layers'): 'capas entrenadas',
    ('RunsTab', 'constitution'): 'constitución',
    ('RunsTab', 'critic'): 'crítico',
    ('RunsTab', 'reviser'): 'revisor',
    ('RunsTab', 'max new tokens'): 'tokens nuevos máximos',
    ('RunsTab', 'accepted only'): 'solo aceptadas',
    ('RunsTab', 'annotator'): 'anotador',
    ('RunsTab', 'judge'): 'juez',
    ('RunsTab', 'method'): 'método',
    ('RunsTab', 'principle'): 'principio',
    ('RunsTab', 'principle text'): 'texto del principio',
    ('RunsTab', 'eval before'): 'evaluación antes',
    ('RunsTab', 'eval after'): 'evaluación después',
    ('RunsTab', 'pair margins'): 'márgenes de los pares',
    ('RunsTab', 'lab'): 'laboratorio',
    ('RunsTab', 'epochs'): 'épocas',
    ('LabelTab', 'Label taken back: pair #{id}, where you had chosen {choice}. Choose again.'): 'Etiqueta retirada: par n.º {id}, donde habías elegido {choice}. Vuelve a elegir.',
    ('LabelTab', 'the left reply'): 'la respuesta de la izquierda',
    ('LabelTab', 'the right reply'): 'la respuesta de la derecha',
    ('LabelTab', 'a tie'): 'un empate',
    ('LabelTab', 'to skip it'): 'saltarlo',
    ('RunsTab', 'prompts finished'): 'prompts terminados',
}
