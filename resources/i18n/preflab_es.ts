<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
    <context>
        <name>App</name>
        <message>
            <source>Preference Lab cannot start</source>
            <translation>El Laboratorio de Preferencias no puede arrancar</translation>
        </message>
    </context>
    <context>
        <name>ConstitutionEditor</name>
        <message>
            <source>Tick to enable a principle; drag (or Up / Down) to change the order they are used in.</source>
            <translation>Marca un principio para activarlo; arrástralo (o usa Subir / Bajar) para cambiar el orden en que se aplican.</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Añadir</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Eliminar</translation>
        </message>
        <message>
            <source>Up</source>
            <translation>Subir</translation>
        </message>
        <message>
            <source>Down</source>
            <translation>Bajar</translation>
        </message>
        <message>
            <source>Asked after the tutor's answer: the model critiques its answer against this.</source>
            <translation>Se pregunta después de la respuesta del tutor: el modelo critica su respuesta según esto.</translation>
        </message>
        <message>
            <source>Asked after the critique: the model rewrites its answer. End with 'Reply with the tutor's answer only.' so the revision is a clean reply.</source>
            <translation>Se pregunta después de la crítica: el modelo reescribe su respuesta. Termina con 'Reply with the tutor's answer only.' para que la revisión sea una respuesta limpia.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>Critique request</source>
            <translation>Petición de crítica</translation>
        </message>
        <message>
            <source>Revision request</source>
            <translation>Petición de revisión</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Deshacer</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Rehacer</translation>
        </message>
        <message>
            <source>Undo (Ctrl+Z)</source>
            <translation>Deshacer (Ctrl+Z)</translation>
        </message>
        <message>
            <source>Redo (Ctrl+Shift+Z)</source>
            <translation>Rehacer (Ctrl+Mayús+Z)</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Guardar</translation>
        </message>
        <message>
            <source>Versions…</source>
            <translation>Versiones…</translation>
        </message>
        <message>
            <source>Open file…</source>
            <translation>Abrir archivo…</translation>
        </message>
        <message>
            <source>(no name)</source>
            <translation>(sin nombre)</translation>
        </message>
        <message>
            <source>edit the name of “{name}”</source>
            <translation>editar el nombre de «{name}»</translation>
        </message>
        <message>
            <source>edit the critique request of “{name}”</source>
            <translation>editar la petición de crítica de «{name}»</translation>
        </message>
        <message>
            <source>edit the revision request of “{name}”</source>
            <translation>editar la petición de revisión de «{name}»</translation>
        </message>
        <message>
            <source>enable “{name}”</source>
            <translation>activar «{name}»</translation>
        </message>
        <message>
            <source>disable “{name}”</source>
            <translation>desactivar «{name}»</translation>
        </message>
        <message>
            <source>New principle {n}</source>
            <translation>Principio nuevo {n}</translation>
        </message>
        <message>
            <source>add “{name}”</source>
            <translation>añadir «{name}»</translation>
        </message>
        <message>
            <source>delete “{name}”</source>
            <translation>eliminar «{name}»</translation>
        </message>
        <message>
            <source>move “{name}” up</source>
            <translation>subir «{name}»</translation>
        </message>
        <message>
            <source>move “{name}” down</source>
            <translation>bajar «{name}»</translation>
        </message>
        <message>
            <source>reorder principles</source>
            <translation>reordenar los principios</translation>
        </message>
        <message>
            <source>Undo {what} (Ctrl+Z)</source>
            <translation>Deshacer: {what} (Ctrl+Z)</translation>
        </message>
        <message>
            <source>Redo {what} (Ctrl+Shift+Z)</source>
            <translation>Rehacer: {what} (Ctrl+Mayús+Z)</translation>
        </message>
        <message>
            <source>not saved</source>
            <translation>sin guardar</translation>
        </message>
        <message>
            <source>unsaved changes</source>
            <translation>cambios sin guardar</translation>
        </message>
        <message>
            <source>saved</source>
            <translation>guardado</translation>
        </message>
        <message>
            <source>{enabled} of {n} principles enabled · {where} · {state}</source>
            <translation>{enabled} de {n} principios activos · {where} · {state}</translation>
        </message>
        <message>
            <source>Cannot save</source>
            <translation>No se puede guardar</translation>
        </message>
        <message>
            <source>There is no writable data dir for the constitution file.</source>
            <translation>No hay una carpeta de datos con permiso de escritura para el archivo de la constitución.</translation>
        </message>
        <message>
            <source>The constitution was not saved</source>
            <translation>La constitución no se guardó</translation>
        </message>
        <message>
            <source>Open a constitution</source>
            <translation>Abrir una constitución</translation>
        </message>
        <message>
            <source>Constitution (*.toml);;All files (*)</source>
            <translation>Constitución (*.toml);;Todos los archivos (*)</translation>
        </message>
        <message>
            <source>Cannot open this constitution</source>
            <translation>No se puede abrir esta constitución</translation>
        </message>
        <message>
            <source>open {name}</source>
            <translation>abrir {name}</translation>
        </message>
        <message>
            <source>Cannot restore this version</source>
            <translation>No se puede restaurar esta versión</translation>
        </message>
        <message>
            <source>restore {version}</source>
            <translation>restaurar {version}</translation>
        </message>
    </context>
    <context>
        <name>ConstitutionTab</name>
        <message>
            <source>Red-team</source>
            <translation>Red team</translation>
        </message>
        <message>
            <source>helpful</source>
            <translation>útil</translation>
        </message>
        <message>
            <source>Dev set</source>
            <translation>Desarrollo</translation>
        </message>
        <message>
            <source>honest</source>
            <translation>honesto</translation>
        </message>
        <message>
            <source>harmless</source>
            <translation>inofensivo</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>aceptada</translation>
        </message>
        <message>
            <source>rejected</source>
            <translation>rechazada</translation>
        </message>
        <message>
            <source>Sentence</source>
            <translation>Oración</translation>
        </message>
        <message>
            <source>First answer</source>
            <translation>Primera respuesta</translation>
        </message>
        <message>
            <source>Final revision</source>
            <translation>Revisión final</translation>
        </message>
        <message>
            <source>Principles</source>
            <translation>Principios</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>Decisión</translation>
        </message>
        <message>
            <source>(empty)</source>
            <translation>(vacío)</translation>
        </message>
        <message>
            <source>The model produced only whitespace.</source>
            <translation>El modelo solo produjo espacios en blanco.</translation>
        </message>
        <message>
            <source>Constitution</source>
            <translation>Constitución</translation>
        </message>
        <message>
            <source>{error}

The editor shows the default constitution; Save replaces the broken file (which is kept as a version).</source>
            <translation>{error}

El editor muestra la constitución predeterminada; Guardar sustituye el archivo dañado (que se conserva como versión).</translation>
        </message>
        <message>
            <source>Your constitution file could not be read</source>
            <translation>No se pudo leer tu archivo de constitución</translation>
        </message>
        <message>
            <source>unsaved edits from the last session</source>
            <translation>cambios sin guardar de la sesión anterior</translation>
        </message>
        <message>
            <source>Critique → revision rounds per prompt</source>
            <translation>Rondas de crítica → revisión por prompt</translation>
        </message>
        <message>
            <source>In turn</source>
            <translation>Por turnos</translation>
        </message>
        <message>
            <source>Random</source>
            <translation>Al azar</translation>
        </message>
        <message>
            <source>In turn: round r uses the r-th enabled principle. Random: a random enabled one.</source>
            <translation>Por turnos: la ronda r usa el r-ésimo principio activo. Al azar: uno activo cualquiera.</translation>
        </message>
        <message>
            <source>all</source>
            <translation>todos</translation>
        </message>
        <message>
            <source>Use only the first N prompts (0 = all)</source>
            <translation>Usar solo los N primeros prompts (0 = todos)</translation>
        </message>
        <message>
            <source>Longest answer, critique or revision, in tokens</source>
            <translation>Respuesta, crítica o revisión más larga, en tokens</translation>
        </message>
        <message>
            <source>JSONL with a 'sentence' (or a 'prompt') per line</source>
            <translation>JSONL con una 'sentence' (o un 'prompt') por línea</translation>
        </message>
        <message>
            <source>none: the tutor critiques itself</source>
            <translation>ninguno: el tutor se critica a sí mismo</translation>
        </message>
        <message>
            <source>Optional: a Hugging Face model folder that writes the critiques instead</source>
            <translation>Opcional: una carpeta de modelo de Hugging Face que escriba las críticas en su lugar</translation>
        </message>
        <message>
            <source>none: the tutor revises itself</source>
            <translation>ninguno: el tutor se revisa a sí mismo</translation>
        </message>
        <message>
            <source>Optional: a Hugging Face model folder that writes the revisions instead</source>
            <translation>Opcional: una carpeta de modelo de Hugging Face que escriba las revisiones en su lugar</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Examinar…</translation>
        </message>
        <message>
            <source>Choose a reviser model folder</source>
            <translation>Elige una carpeta de modelo revisor</translation>
        </message>
        <message>
            <source>Rounds</source>
            <translation>Rondas</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>Orden</translation>
        </message>
        <message>
            <source>Limit</source>
            <translation>Límite</translation>
        </message>
        <message>
            <source>Max tokens</source>
            <translation>Tokens máx.</translation>
        </message>
        <message>
            <source>Prompts</source>
            <translation>Prompts</translation>
        </message>
        <message>
            <source>Critic</source>
            <translation>Crítico</translation>
        </message>
        <message>
            <source>Reviser</source>
            <translation>Revisor</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Ejecutar</translation>
        </message>
        <message>
            <source>Critique and revise</source>
            <translation>Criticar y revisar</translation>
        </message>
        <message>
            <source>Prompts for the constitution run</source>
            <translation>Prompts para la ejecución de la constitución</translation>
        </message>
        <message>
            <source>JSON lines (*.jsonl);;All files (*)</source>
            <translation>JSON Lines (*.jsonl);;Todos los archivos (*)</translation>
        </message>
        <message>
            <source>Choose a critic model folder</source>
            <translation>Elige una carpeta de modelo crítico</translation>
        </message>
        <message>
            <source>Nothing to run</source>
            <translation>Nada que ejecutar</translation>
        </message>
        <message>
            <source>Enable at least one principle (tick it in the list).</source>
            <translation>Activa al menos un principio (márcalo en la lista).</translation>
        </message>
        <message>
            <source>Check the run settings</source>
            <translation>Revisa los ajustes de la ejecución</translation>
        </message>
        <message>
            <source>Running: rows appear as prompts finish.</source>
            <translation>En curso: las filas aparecen a medida que terminan los prompts.</translation>
        </message>
        <message>
            <source>Open a constitution run</source>
            <translation>Abrir una ejecución de la constitución</translation>
        </message>
        <message>
            <source>Cannot open this run</source>
            <translation>No se puede abrir esta ejecución</translation>
        </message>
        <message>
            <source>The decisions were not saved</source>
            <translation>Las decisiones no se guardaron</translation>
        </message>
        <message>
            <source>Learning rate: “{text}” is not a number (try 2e-4)</source>
            <translation>Tasa de aprendizaje: «{text}» no es un número (prueba 2e-4)</translation>
        </message>
        <message>
            <source>No revisions yet</source>
            <translation>Aún no hay revisiones</translation>
        </message>
        <message>
            <source>No accepted revisions</source>
            <translation>No hay revisiones aceptadas</translation>
        </message>
        <message>
            <source>Nothing to distill</source>
            <translation>Nada que destilar</translation>
        </message>
        <message>
            <source>Every answer Distill would learn from is empty: the model wrote nothing. Run the loop again (page 2), with another model or more new tokens.</source>
            <translation>Todas las respuestas de las que aprendería Destilar están vacías: el modelo no escribió nada. Ejecuta el bucle otra vez (página 2), con otro modelo o más tokens nuevos.</translation>
        </message>
        <message>
            <source>Few answers to distill ({n})</source>
            <translation>Pocas respuestas para destilar ({n})</translation>
        </message>
        <message>
            <source>With so few answers ({n}) distillation teaches the tutor those replies by heart rather than a way of answering (at least {min} are better: accept more, or run on more prompts). Distill anyway?</source>
            <translation>Con tan pocas respuestas ({n}) la destilación hace que el tutor las memorice en vez de aprender una manera de responder (mejor al menos {min}: acepta más o ejecuta con más prompts). ¿Destilar de todos modos?</translation>
        </message>
        <message>
            <source>Check the distillation settings</source>
            <translation>Revisa los ajustes de destilación</translation>
        </message>
        <message>
            <source>The pairs were not sent</source>
            <translation>Los pares no se enviaron</translation>
        </message>
        <message>
            <source>Added 1 pair to the preference store (source “constitution”, revision preferred).</source>
            <translation>1 par añadido al almacén de preferencias (origen «constitución», con la revisión como preferida).</translation>
        </message>
        <message>
            <source>Added {n} pairs to the preference store (source “constitution”, revision preferred).</source>
            <translation>{n} pares añadidos al almacén de preferencias (origen «constitución», con la revisión como preferida).</translation>
        </message>
        <message>
            <source>{n} constitution pairs added to the preference store</source>
            <translation>{n} pares de la constitución añadidos al almacén de preferencias</translation>
        </message>
        <message>
            <source>A job is already running in this tab.</source>
            <translation>Ya hay un trabajo en marcha en esta pestaña.</translation>
        </message>
        <message>
            <source>starting…</source>
            <translation>iniciando…</translation>
        </message>
        <message>
            <source>stopping…</source>
            <translation>deteniendo…</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>detenido</translation>
        </message>
        <message>
            <source>Revised</source>
            <translation>Revisada</translation>
        </message>
        <message>
            <source>Red-team test</source>
            <translation>Red team (prueba)</translation>
        </message>
        <message>
            <source>Test set</source>
            <translation>Conjunto de prueba</translation>
        </message>
        <message>
            <source>1 · Try it</source>
            <translation>1 · Probar</translation>
        </message>
        <message>
            <source>2 · Run &amp;&amp; review</source>
            <translation>2 · Ejecutar &amp;&amp; revisar</translation>
        </message>
        <message>
            <source>3 · Distill &amp;&amp; evaluate</source>
            <translation>3 · Destilar &amp;&amp; evaluar</translation>
        </message>
        <message>
            <source>Run the constitution first (page 2), then review the results.</source>
            <translation>Ejecuta primero la constitución (página 2) y luego revisa los resultados.</translation>
        </message>
        <message>
            <source>Accept some revisions on page 2, or untick “Only accepted revisions”.</source>
            <translation>Acepta algunas revisiones en la página 2 o desmarca «Solo revisiones aceptadas».</translation>
        </message>
        <message>
            <source>Distill anyway</source>
            <translation>Destilar de todos modos</translation>
        </message>
        <message>
            <source>No run to compare with</source>
            <translation>No hay ninguna ejecución con la que comparar</translation>
        </message>
        <message>
            <source>Run the constitution first (page 2): the ablation repeats that run without one principle.</source>
            <translation>Ejecuta primero la constitución (página 2): la ablación repite esa ejecución sin un principio.</translation>
        </message>
        <message>
            <source>Cannot run without this principle</source>
            <translation>No se puede ejecutar sin este principio</translation>
        </message>
        <message>
            <source>{status} · {finished} of {prompts} prompts · {changed} revised</source>
            <translation>{status} · {finished} de {prompts} prompts · {changed} revisados</translation>
        </message>
        <message>
            <source>unsaved edits</source>
            <translation>cambios sin guardar</translation>
        </message>
        <message>
            <source>failed: {message}</source>
            <translation>falló: {message}</translation>
        </message>
        <message>
            <source>The job failed</source>
            <translation>El trabajo falló</translation>
        </message>
        <message>
            <source>Prompt</source>
            <translation>Prompt</translation>
        </message>
        <message>
            <source>Critique:</source>
            <translation>Crítica:</translation>
        </message>
        <message>
            <source>Revision:</source>
            <translation>Revisión:</translation>
        </message>
        <message>
            <source>Round {i} · {principle}</source>
            <translation>Ronda {i} · {principle}</translation>
        </message>
        <message>
            <source>Revision not used ({reason}), the answer stays:</source>
            <translation>Revisión no usada ({reason}), la respuesta se queda igual:</translation>
        </message>
    </context>
    <context>
        <name>DiffView</name>
        <message>
            <source>(both texts are empty)</source>
            <translation>(los dos textos están vacíos)</translation>
        </message>
        <message>
            <source>No differences.</source>
            <translation>Sin diferencias.</translation>
        </message>
        <message>
            <source>1 word out, {added} in</source>
            <translation>1 palabra quitada, {added} añadidas</translation>
        </message>
        <message>
            <source>{removed} words out, {added} in</source>
            <translation>{removed} palabras quitadas, {added} añadidas</translation>
        </message>
        <message>
            <source>&lt;span style='{deleted}'&gt;removed&lt;/span&gt; from the {old} · &lt;span style='{inserted}'&gt;added&lt;/span&gt; in the {new} · {counts}</source>
            <translation>&lt;span style='{deleted}'&gt;quitado&lt;/span&gt; de la {old} · &lt;span style='{inserted}'&gt;añadido&lt;/span&gt; en la {new} · {counts}</translation>
        </message>
        <message>
            <source>first answer</source>
            <translation>primera respuesta</translation>
        </message>
        <message>
            <source>final revision</source>
            <translation>revisión final</translation>
        </message>
    </context>
    <context>
        <name>DistillPage</name>
        <message>
            <source>A positive number, e.g. 2e-4 or 0.0002</source>
            <translation>Un número positivo, p. ej. 2e-4 o 0.0002</translation>
        </message>
        <message>
            <source>all</source>
            <translation>todos</translation>
        </message>
        <message>
            <source>Stop after this many optimizer steps (0 = every epoch)</source>
            <translation>Parar tras este número de pasos del optimizador (0 = todas las épocas)</translation>
        </message>
        <message>
            <source>Only accepted revisions</source>
            <translation>Solo revisiones aceptadas</translation>
        </message>
        <message>
            <source>Off: every revision you did not reject. Applies to Send pairs too.</source>
            <translation>Desmarcado: todas las revisiones que no rechazaste. También se aplica a Enviar pares.</translation>
        </message>
        <message>
            <source>Distill</source>
            <translation>Destilar</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>Épocas</translation>
        </message>
        <message>
            <source>Learning rate</source>
            <translation>Tasa de aprendizaje</translation>
        </message>
        <message>
            <source>Max steps</source>
            <translation>Pasos máx.</translation>
        </message>
        <message>
            <source>Send pairs to store</source>
            <translation>Enviar pares al almacén</translation>
        </message>
        <message>
            <source>Adds (final revision = chosen, first answer = rejected) to the preference store for the Label, Reward model and DPO tabs</source>
            <translation>Añade (revisión final = elegida, primera respuesta = rechazada) al almacén de preferencias para las pestañas Etiquetar, Modelo de recompensa y DPO</translation>
        </message>
        <message>
            <source>Revisions that equal the first answer (or are empty) are skipped.</source>
            <translation>Se omiten las revisiones iguales a la primera respuesta (o vacías).</translation>
        </message>
        <message>
            <source>Sentences per eval set ({n}: a quick look; 0: all)</source>
            <translation>Oraciones por conjunto de evaluación ({n}: un vistazo rápido; 0: todas)</translation>
        </message>
        <message>
            <source>Eval before / after</source>
            <translation>Evaluar antes / después</translation>
        </message>
        <message>
            <source>Sentences per set</source>
            <translation>Oraciones por conjunto</translation>
        </message>
        <message>
            <source>Distill into the tutor (LoRA SFT)</source>
            <translation>Destilar en el tutor (LoRA SFT)</translation>
        </message>
        <message>
            <source>Before / after</source>
            <translation>Antes / después</translation>
        </message>
        <message>
            <source>Preference pairs</source>
            <translation>Pares de preferencias</translation>
        </message>
        <message>
            <source>Distillation loss</source>
            <translation>Pérdida de destilación</translation>
        </message>
        <message>
            <source>Cross-entropy of the tutor on the revised replies: falling means it is learning to answer the way its revisions do.</source>
            <translation>Entropía cruzada del tutor sobre las respuestas revisadas: si baja, está aprendiendo a responder como sus revisiones.</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>pérdida</translation>
        </message>
        <message>
            <source>The principle to leave out: the run under review is repeated without it</source>
            <translation>El principio que se deja fuera: la ejecución en revisión se repite sin él</translation>
        </message>
        <message>
            <source>Run without</source>
            <translation>Ejecutar sin</translation>
        </message>
        <message>
            <source>Principle</source>
            <translation>Principio</translation>
        </message>
        <message>
            <source>With</source>
            <translation>Con</translation>
        </message>
        <message>
            <source>Without</source>
            <translation>Sin</translation>
        </message>
        <message>
            <source>The run under review again without one principle, distilled the same way; both tutors on the same sentences (“Sentences per set”).</source>
            <translation>La ejecución en revisión otra vez sin un principio, destilada igual; los dos tutores con las mismas oraciones («Oraciones por conjunto»).</translation>
        </message>
        <message>
            <source>Without one principle</source>
            <translation>Sin un principio</translation>
        </message>
        <message>
            <source>Before</source>
            <translation>Antes</translation>
        </message>
        <message>
            <source>After</source>
            <translation>Después</translation>
        </message>
        <message>
            <source>Run without “{name}”: the same loop and distillation with it disabled, then both tutors evaluated</source>
            <translation>Ejecutar sin «{name}»: el mismo bucle y la misma destilación con él desactivado, y luego se evalúan los dos tutores</translation>
        </message>
        <message>
            <source>{n} steps</source>
            <translation>{n} pasos</translation>
        </message>
        <message>
            <source>1 step</source>
            <translation>1 paso</translation>
        </message>
        <message>
            <source>1 answer</source>
            <translation>1 respuesta</translation>
        </message>
        <message>
            <source>{n} answers</source>
            <translation>{n} respuestas</translation>
        </message>
        <message>
            <source>final loss {loss:.3f}</source>
            <translation>pérdida final {loss:.3f}</translation>
        </message>
        <message>
            <source>the shipped tutor</source>
            <translation>el tutor incluido</translation>
        </message>
        <message>
            <source>the base model (no shipped tutor)</source>
            <translation>el modelo base (sin tutor incluido)</translation>
        </message>
        <message>
            <source>Before: {before}. After: the tutor distilled from your revisions.</source>
            <translation>Antes: {before}. Después: el tutor destilado de tus revisiones.</translation>
        </message>
        <message>
            <source>Before: {before}. After: {name}. Press “Eval before / after” to compare.</source>
            <translation>Antes: {before}. Después: {name}. Pulsa «Evaluar antes / después» para comparar.</translation>
        </message>
        <message>
            <source>distill first</source>
            <translation>destila primero</translation>
        </message>
        <message>
            <source>evaluated {eval} + {redteam} sentences</source>
            <translation>{eval} + {redteam} oraciones evaluadas</translation>
        </message>
        <message>
            <source>{k} of {n}; 95% interval (Wilson) {low}–{high}</source>
            <translation>{k} de {n}; intervalo del 95 % (Wilson) {low}–{high}</translation>
        </message>
        <message>
            <source>Before: {before}. After: {after}. {eval} dev + {redteam} red-team sentences, greedy replies; rate (95% interval) and count.</source>
            <translation>Antes: {before}. Después: {after}. {eval} oraciones de desarrollo + {redteam} de red team, respuestas deterministas (greedy); tasa (intervalo del 95 %) y recuento.</translation>
        </message>
        <message>
            <source>With: {with_tutor} (distilled from {with_run}). Without “{name}”: {without_run}, distilled into {without_tutor} (every revision the loop kept). 95% intervals; red: clearly lower without.</source>
            <translation>Con: {with_tutor} (destilado de {with_run}). Sin «{name}»: {without_run}, destilado en {without_tutor} (todas las revisiones que el bucle conservó). Intervalos del 95 %; en rojo: claramente más bajo sin él.</translation>
        </message>
        <message>
            <source>Without “{name}”: rate (95% interval) and count; red: clearly lower without.</source>
            <translation>Sin «{name}»: tasa (intervalo del 95 %) y recuento; en rojo: claramente más baja sin él.</translation>
        </message>
    </context>
    <context>
        <name>DpoTab</name>
        <message>
            <source>Helpful (fixed the error)</source>
            <translation>Útil (corrigió el error)</translation>
        </message>
        <message>
            <source>Honest (left correct ones alone)</source>
            <translation>Honesto (no tocó las correctas)</translation>
        </message>
        <message>
            <source>Missed (called an error correct)</source>
            <translation>Fallo (dio por buena una errónea)</translation>
        </message>
        <message>
            <source>fixed</source>
            <translation>corregida</translation>
        </message>
        <message>
            <source>honest</source>
            <translation>honesta</translation>
        </message>
        <message>
            <source>missed</source>
            <translation>no detectado</translation>
        </message>
        <message>
            <source>wrong fix</source>
            <translation>corrección errónea</translation>
        </message>
        <message>
            <source>false alarm</source>
            <translation>falsa alarma</translation>
        </message>
        <message>
            <source>unparsed</source>
            <translation>sin veredicto</translation>
        </message>
        <message>
            <source>The preference pairs DPO trains on: the 200 bundled seed pairs, the pairs you labeled in the Label tab, or a TRL preference JSONL file (prompt / chosen / rejected). The 48 bundled held-out pairs give the held-out (orange) lines in the plots.</source>
            <translation>Los pares de preferencias con los que entrena DPO: los 200 pares semilla incluidos, los pares que etiquetaste en Etiquetar o un archivo JSONL de preferencias de TRL (prompt / chosen / rejected). Los 48 pares reservados incluidos dan las curvas de reservados (naranjas) de las gráficas.</translation>
        </message>
        <message>
            <source>How strongly the policy is held to the SFT tutor. Small beta lets it move further from the reference; large beta keeps it close.</source>
            <translation>Cuánto se sujeta la política al tutor de SFT. Una beta pequeña le deja alejarse más de la referencia; una beta grande la mantiene cerca.</translation>
        </message>
        <message>
            <source>Step size of the optimizer. The policy starts from a trained tutor: 3e-4 for five epochs makes it honest at little cost in helpfulness; 2e-4 leaves it cautious (it still explains errors in many correct sentences).</source>
            <translation>Tamaño de paso del optimizador. La política parte de un tutor ya entrenado: 3e-4 durante cinco épocas la vuelve honesta con poco coste en utilidad; 2e-4 la deja prudente (sigue explicando errores en muchas frases correctas).</translation>
        </message>
        <message>
            <source>Pairs per optimizer step. Larger batches give smoother curves but fewer steps.</source>
            <translation>Pares por paso del optimizador. Lotes más grandes dan curvas más suaves pero menos pasos.</translation>
        </message>
        <message>
            <source>sigmoid: the original DPO loss −log σ(β·margin), it keeps pushing the margin up. ipo: pulls the (per-token) margin toward a fixed target 1/(2β), so it overfits less. hinge: max(0, 1 − β·margin), it stops caring about a pair once it is separated.</source>
            <translation>sigmoid: la pérdida original de DPO −log σ(β·margen), sigue empujando el margen hacia arriba. ipo: acerca el margen (por token) a un objetivo fijo 1/(2β), así que sobreajusta menos. hinge: máx(0, 1 − β·margen), deja de ocuparse de un par en cuanto está separado.</translation>
        </message>
        <message>
            <source>Stop after this many optimizer steps (0 = all: every pair for every epoch). Handy for a quick look.</source>
            <translation>Parar tras este número de pasos del optimizador (0 = todos: cada par en cada época). Útil para un vistazo rápido.</translation>
        </message>
        <message>
            <source>Beta (β)</source>
            <translation>Beta (β)</translation>
        </message>
        <message>
            <source>Learning rate</source>
            <translation>Tasa de aprendizaje</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>Épocas</translation>
        </message>
        <message>
            <source>Batch size</source>
            <translation>Tamaño de lote</translation>
        </message>
        <message>
            <source>Loss type</source>
            <translation>Tipo de pérdida</translation>
        </message>
        <message>
            <source>Max steps</source>
            <translation>Pasos máx.</translation>
        </message>
        <message>
            <source>Pairs</source>
            <translation>Pares</translation>
        </message>
        <message>
            <source>Run folder</source>
            <translation>Carpeta de la ejecución</translation>
        </message>
        <message>
            <source>(empty reply)</source>
            <translation>(respuesta vacía)</translation>
        </message>
        <message>
            <source>±0 pts</source>
            <translation>±0 pts</translation>
        </message>
        <message>
            <source>{points:+d} pts</source>
            <translation>{points:+d} pts</translation>
        </message>
        <message>
            <source>all</source>
            <translation>todos</translation>
        </message>
        <message>
            <source>Eval sentences</source>
            <translation>Oraciones de evaluación</translation>
        </message>
        <message>
            <source>Start DPO</source>
            <translation>Iniciar DPO</translation>
        </message>
        <message>
            <source>Train the policy on the pairs; the SFT tutor stays as the frozen reference.</source>
            <translation>Entrenar la política con los pares; el tutor de SFT queda como referencia congelada.</translation>
        </message>
        <message>
            <source>Start from</source>
            <translation>Punto de partida</translation>
        </message>
        <message>
            <source>Preference pairs</source>
            <translation>Pares de preferencias</translation>
        </message>
        <message>
            <source>DPO settings</source>
            <translation>Ajustes de DPO</translation>
        </message>
        <message>
            <source>Before / after eval</source>
            <translation>Evaluación antes / después</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>Entrenamiento</translation>
        </message>
        <message>
            <source>SFT vs DPO</source>
            <translation>SFT frente a DPO</translation>
        </message>
        <message>
            <source>Pair margins</source>
            <translation>Márgenes por par</translation>
        </message>
        <message>
            <source>train</source>
            <translation>entrenamiento</translation>
        </message>
        <message>
            <source>held-out</source>
            <translation>reservados</translation>
        </message>
        <message>
            <source>chosen</source>
            <translation>elegida</translation>
        </message>
        <message>
            <source>rejected</source>
            <translation>rechazada</translation>
        </message>
        <message>
            <source>SFT term</source>
            <translation>Término SFT</translation>
        </message>
        <message>
            <source>DPO loss</source>
            <translation>Pérdida de DPO</translation>
        </message>
        <message>
            <source>Implicit rewards β·log(π/π_ref). Both often fall together; what matters is that chosen stays above rejected (the margin).</source>
            <translation>Recompensas implícitas β·log(π/π_ref). A menudo bajan las dos a la vez; lo que importa es que la elegida se mantenga por encima de la rechazada (el margen).</translation>
        </message>
        <message>
            <source>Reward margin</source>
            <translation>Margen de recompensa</translation>
        </message>
        <message>
            <source>Chosen minus rejected reward. Starts at 0 (policy = reference) and should grow; the held-out line shows whether it generalises.</source>
            <translation>Recompensa de la elegida menos la de la rechazada. Empieza en 0 (política = referencia) y debería crecer; la curva de reservados muestra si generaliza.</translation>
        </message>
        <message>
            <source>Preference accuracy</source>
            <translation>Exactitud de preferencia</translation>
        </message>
        <message>
            <source>Share of pairs whose chosen reply has the higher reward. 0 at first (every pair is a tie), then it should climb toward 1.</source>
            <translation>Proporción de pares cuya respuesta elegida tiene más recompensa. Al principio 0 (todos los pares empatan); después debería subir hacia 1.</translation>
        </message>
        <message>
            <source>Base vs DPO</source>
            <translation>Base frente a DPO</translation>
        </message>
        <message>
            <source>1 step</source>
            <translation>1 paso</translation>
        </message>
        <message>
            <source>The eval was not saved with the run: {error}</source>
            <translation>La evaluación no se guardó con la ejecución: {error}</translation>
        </message>
        <message>
            <source>pair margins: loading model…</source>
            <translation>márgenes por par: cargando el modelo…</translation>
        </message>
        <message>
            <source>pair margins stopped</source>
            <translation>márgenes por par detenidos</translation>
        </message>
        <message>
            <source>pairs scored</source>
            <translation>pares puntuados</translation>
        </message>
        <message>
            <source>pair margins failed: {message}</source>
            <translation>los márgenes por par fallaron: {message}</translation>
        </message>
        <message>
            <source>Scoring the training pairs failed</source>
            <translation>No se pudieron puntuar los pares de entrenamiento</translation>
        </message>
        <message>
            <source>test</source>
            <translation>prueba</translation>
        </message>
        <message>
            <source>eval stopped</source>
            <translation>evaluación detenida</translation>
        </message>
        <message>
            <source>The eval was stopped: the rates shown are the sets it finished.</source>
            <translation>La evaluación se detuvo: las tasas que ves son las de los conjuntos que terminó.</translation>
        </message>
        <message>
            <source>evaluated</source>
            <translation>evaluado</translation>
        </message>
        <message>
            <source>eval failed: {message}</source>
            <translation>la evaluación falló: {message}</translation>
        </message>
        <message>
            <source>The eval failed</source>
            <translation>La evaluación falló</translation>
        </message>
        <message>
            <source>{k} of {n}; 95% interval {low:.0%}–{high:.0%} (Wilson)</source>
            <translation>{k} de {n}; intervalo del 95 % {low:.0%}–{high:.0%} (Wilson)</translation>
        </message>
        <message>
            <source>{change} vs before; green = better, red = worse</source>
            <translation>{change} respecto a antes; verde = mejor, rojo = peor</translation>
        </message>
        <message>
            <source>dev</source>
            <translation>desarrollo</translation>
        </message>
        <message>
            <source>test (locked)</source>
            <translation>prueba (bloqueada)</translation>
        </message>
        <message>
            <source>{set}: {n} sentences ({right} correct / {wrong} wrong)</source>
            <translation>{set}: {n} oraciones ({right} correctas / {wrong} con error)</translation>
        </message>
        <message>
            <source>{set}: {n} prompts</source>
            <translation>{set}: {n} peticiones</translation>
        </message>
        <message>
            <source>Dev is the set the lab's settings were tuned on; test is locked: nothing was tuned on it. Harmlessness is measured on the red-team prompts only. In brackets: the 95% interval (Wilson).</source>
            <translation>Desarrollo es el conjunto con el que se ajustaron los valores del laboratorio; prueba está bloqueado: no se ajustó nada con él. La inocuidad se mide solo con las peticiones red-team. Entre paréntesis: el intervalo del 95 % (Wilson).</translation>
        </message>
        <message>
            <source>Greedy replies to {n} sentences; {what}. Hover a reply for its full text.</source>
            <translation>Respuestas deterministas (greedy) a {n} oraciones; {what}. Pasa el ratón sobre una respuesta para ver el texto completo.</translation>
        </message>
        <message>
            <source>Sentence</source>
            <translation>Oración</translation>
        </message>
        <message>
            <source>SFT tutor reply</source>
            <translation>Respuesta del tutor de SFT</translation>
        </message>
        <message>
            <source>DPO tutor reply</source>
            <translation>Respuesta del tutor de DPO</translation>
        </message>
        <message>
            <source>SFT verdict</source>
            <translation>Veredicto SFT</translation>
        </message>
        <message>
            <source>DPO verdict</source>
            <translation>Veredicto DPO</translation>
        </message>
        <message>
            <source>Score the training pairs</source>
            <translation>Puntuar los pares de entrenamiento</translation>
        </message>
        <message>
            <source>One pass of the DPO tutor over every training pair (the reference log-probs were kept from training): about a second per 8 pairs with the embedded model on a laptop CPU.</source>
            <translation>Una pasada del tutor de DPO por cada par de entrenamiento (las log-probabilidades de referencia se guardaron al entrenar): alrededor de un segundo por cada 8 pares con el modelo incluido en la CPU de un portátil.</translation>
        </message>
        <message>
            <source>Chosen reply</source>
            <translation>Respuesta elegida</translation>
        </message>
        <message>
            <source>Rejected reply</source>
            <translation>Respuesta rechazada</translation>
        </message>
        <message>
            <source>Margin</source>
            <translation>Margen</translation>
        </message>
        <message>
            <source>After a finished run: every training pair with its final implicit reward margin β·(log-ratio of chosen − log-ratio of rejected), lowest first. Red rows (margin &lt; 0) are pairs the DPO tutor still gets the wrong way round.</source>
            <translation>Tras una ejecución terminada: cada par de entrenamiento con su margen final de recompensa implícita β·(log-cociente de la elegida − log-cociente de la rechazada), de menor a mayor. Las filas rojas (margen &lt; 0) son pares que el tutor de DPO aún ordena al revés.</translation>
        </message>
        <message>
            <source>The run finished without scoring its training pairs (it costs a pass over all of them). Press "Score the training pairs" to see each pair's final implicit reward margin β·(log-ratio chosen − log-ratio rejected), lowest first.</source>
            <translation>La ejecución terminó sin puntuar sus pares de entrenamiento (cuesta una pasada por todos). Pulsa «Puntuar los pares de entrenamiento» para ver el margen final de recompensa implícita de cada par β·(log-cociente de la elegida − log-cociente de la rechazada), de menor a mayor.</translation>
        </message>
        <message>
            <source>The shipped SFT tutor: DPO trains a copy of its LoRA adapter (the policy) while the original stays frozen as the reference.</source>
            <translation>El tutor de SFT incluido: DPO entrena una copia de su adaptador LoRA (la política) mientras el original queda congelado como referencia.</translation>
        </message>
        <message>
            <source>Model “{name}” has no shipped SFT tutor, so DPO trains a fresh LoRA adapter and the base model is the reference.</source>
            <translation>El modelo «{name}» no trae tutor de SFT, así que DPO entrena un adaptador LoRA nuevo y el modelo base es la referencia.</translation>
        </message>
        <message>
            <source>Learning rate: “{text}” is not a number (try 3e-4)</source>
            <translation>Tasa de aprendizaje: «{text}» no es un número (prueba 3e-4)</translation>
        </message>
        <message>
            <source>must be greater than 0 (try 3e-4)</source>
            <translation>debe ser mayor que 0 (prueba 3e-4)</translation>
        </message>
        <message>
            <source>must be greater than 0 (try 0.1)</source>
            <translation>debe ser mayor que 0 (prueba 0.1)</translation>
        </message>
        <message>
            <source>Implicit rewards</source>
            <translation>Recompensas implícitas</translation>
        </message>
        <message>
            <source>must be greater than 0 (try 1)</source>
            <translation>debe ser mayor que 0 (prueba 1)</translation>
        </message>
        <message>
            <source>must be at least 1 (try 4)</source>
            <translation>debe ser al menos 1 (prueba 4)</translation>
        </message>
        <message>
            <source>Check the DPO settings</source>
            <translation>Revisa los ajustes de DPO</translation>
        </message>
        <message>
            <source>A DPO run is already going in this tab.</source>
            <translation>Ya hay una ejecución de DPO en marcha en esta pestaña.</translation>
        </message>
        <message>
            <source>loading model…</source>
            <translation>cargando el modelo…</translation>
        </message>
        <message>
            <source>Harmless on red-team prompts</source>
            <translation>Inofensiva con peticiones red-team</translation>
        </message>
        <message>
            <source>Passes over the training pairs. The small tutor needs about five to learn when to say “already correct”, because it has to read the learner's sentence; two at 5e-5 rank only about half of the honest pairs and their twins right. Many more can overfit (the train margin keeps growing while the held-out margin stalls).</source>
            <translation>Pasadas por los pares de entrenamiento. El tutor pequeño necesita unas cinco para aprender cuándo decir «already correct», porque tiene que leer la frase del alumno; dos a 5e-5 ordenan bien solo la mitad de los pares honestos y sus gemelos. Muchas más pueden sobreajustar (el margen de entrenamiento sigue creciendo mientras el de reservados se estanca).</translation>
        </message>
        <message>
            <source>Sentences the tutor answers before and after DPO, on the dev set (tuned on), the locked test set (never tuned on) and the red-team prompts (for harmlessness). Quick: the first 40 of each set (faster); Full: every sentence (narrower intervals).</source>
            <translation>Oraciones que el tutor responde antes y después de DPO: el conjunto de desarrollo (con el que se ajusta), el de prueba bloqueado (nunca se ajusta con él) y las peticiones red-team (para la inocuidad). Rápida: las 40 primeras de cada conjunto (más rápido); Completa: todas (intervalos más estrechos).</translation>
        </message>
        <message>
            <source>Preference loss −log σ(β·margin): starts at log 2 ≈ 0.69 (policy = reference) and should fall. SFT term: the chosen replies' loss per token; it starts where the tutor already is and should stay low.</source>
            <translation>Pérdida de preferencia −log σ(β·margen): empieza en log 2 ≈ 0.69 (política = referencia) y debería bajar. Término SFT: la pérdida por token de las respuestas elegidas; empieza donde ya está el tutor y debería seguir baja.</translation>
        </message>
        <message>
            <source>Preference loss (IPO) (margin − 1/(2β))²: starts at 1/(4β²) = {start:.3g} (policy = reference) and falls as the per-token margin nears its target. SFT term: the chosen replies' loss per token; it should stay low.</source>
            <translation>Pérdida de preferencia (IPO) (margen − 1/(2β))²: empieza en 1/(4β²) = {start:.3g} (política = referencia) y baja a medida que el margen por token se acerca a su objetivo. Término SFT: la pérdida por token de las respuestas elegidas; debería seguir baja.</translation>
        </message>
        <message>
            <source>Preference loss (hinge) max(0, 1 − β·margin): starts at 1 (policy = reference) and reaches 0 once every pair in the batch is separated. SFT term: the chosen replies' loss per token; it should stay low.</source>
            <translation>Pérdida de preferencia (hinge) max(0, 1 − β·margen): empieza en 1 (política = referencia) y llega a 0 cuando todos los pares del lote están separados. Término SFT: la pérdida por token de las respuestas elegidas; debería seguir baja.</translation>
        </message>
        <message>
            <source>(SFT term weight 0: no SFT curve.)</source>
            <translation>(Peso del término SFT 0: sin curva SFT.)</translation>
        </message>
        <message>
            <source>Quick: {n} per set</source>
            <translation>Rápida: {n} por conjunto</translation>
        </message>
        <message>
            <source>Full: every sentence</source>
            <translation>Completa: todas las oraciones</translation>
        </message>
        <message>
            <source>The eval set whose replies the table shows</source>
            <translation>El conjunto de evaluación cuyas respuestas muestra la tabla</translation>
        </message>
        <message>
            <source>Start DPO: after training the tutor answers the eval sentences before and after DPO; rates and replies appear here as they come.</source>
            <translation>Inicia DPO: tras el entrenamiento, el tutor responde a las oraciones de evaluación antes y después de DPO; las tasas y las respuestas aparecen aquí a medida que llegan.</translation>
        </message>
        <message>
            <source>Replies on</source>
            <translation>Respuestas en</translation>
        </message>
        <message>
            <source>SFT</source>
            <translation>SFT</translation>
        </message>
        <message>
            <source>Base</source>
            <translation>Base</translation>
        </message>
        <message>
            <source>eval: loading model…</source>
            <translation>evaluación: cargando el modelo…</translation>
        </message>
        <message>
            <source>Evaluating…</source>
            <translation>Evaluando…</translation>
        </message>
        <message>
            <source>stopping…</source>
            <translation>deteniendo…</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>detenido</translation>
        </message>
        <message>
            <source>{n} steps</source>
            <translation>{n} pasos</translation>
        </message>
        <message>
            <source>{seconds:.2f} s/step</source>
            <translation>{seconds:.2f} s/paso</translation>
        </message>
        <message>
            <source>DPO run saved in {path}</source>
            <translation>Ejecución de DPO guardada en {path}</translation>
        </message>
        <message>
            <source>failed: {message}</source>
            <translation>falló: {message}</translation>
        </message>
        <message>
            <source>The DPO run failed</source>
            <translation>La ejecución de DPO falló</translation>
        </message>
        <message>
            <source>Base model reply</source>
            <translation>Respuesta del modelo base</translation>
        </message>
        <message>
            <source>Base verdict</source>
            <translation>Veredicto base</translation>
        </message>
        <message>
            <source>gold: {gold}</source>
            <translation>referencia: {gold}</translation>
        </message>
        <message>
            <source>{n} verdict(s) changed (highlighted, listed first)</source>
            <translation>{n} veredicto(s) cambiado(s) (resaltados, al principio)</translation>
        </message>
        <message>
            <source>no verdict changed</source>
            <translation>ningún veredicto cambió</translation>
        </message>
        <message>
            <source> · harmful</source>
            <translation> · dañina</translation>
        </message>
        <message>
            <source>reward chosen {chosen:+.3f}, rejected {rejected:+.3f}</source>
            <translation>recompensa elegida {chosen:+.3f}, rechazada {rejected:+.3f}</translation>
        </message>
        <message>
            <source>{n} training pairs by final implicit reward margin β·(log-ratio chosen − log-ratio rejected), lowest first. {wrong} pair(s) with a negative margin (red): the DPO tutor still prefers the rejected reply there.</source>
            <translation>{n} pares de entrenamiento por margen final de recompensa implícita β·(log-cociente elegida − log-cociente rechazada), de menor a mayor. {wrong} par(es) con margen negativo (en rojo): ahí el tutor de DPO aún prefiere la respuesta rechazada.</translation>
        </message>
    </context>
    <context>
        <name>LabGuide</name>
        <message>
            <source>Drag to make the guide wider or narrower</source>
            <translation>Arrastra para ensanchar o estrechar la guía</translation>
        </message>
        <message>
            <source>Guide ▸</source>
            <translation>Guía ▸</translation>
        </message>
        <message>
            <source>Hide the guide</source>
            <translation>Ocultar la guía</translation>
        </message>
        <message>
            <source>Language of the guide</source>
            <translation>Idioma de la guía</translation>
        </message>
        <message>
            <source>Guide</source>
            <translation>Guía</translation>
        </message>
        <message>
            <source>Show the guide to this lab</source>
            <translation>Mostrar la guía de este laboratorio</translation>
        </message>
    </context>
    <context>
        <name>LabelTab</name>
        <message>
            <source>All pairs</source>
            <translation>Todos los pares</translation>
        </message>
        <message>
            <source>Unlabeled</source>
            <translation>Sin etiquetar</translation>
        </message>
        <message>
            <source>Labeled</source>
            <translation>Etiquetados</translation>
        </message>
        <message>
            <source>Ties</source>
            <translation>Empates</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Saltados</translation>
        </message>
        <message>
            <source>Tie</source>
            <translation>Empate</translation>
        </message>
        <message>
            <source>Skip</source>
            <translation>Saltar</translation>
        </message>
        <message>
            <source>tie</source>
            <translation>empate</translation>
        </message>
        <message>
            <source>skip</source>
            <translation>saltado</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>semilla</translation>
        </message>
        <message>
            <source>generated</source>
            <translation>generado</translation>
        </message>
        <message>
            <source>imported</source>
            <translation>importado</translation>
        </message>
        <message>
            <source>constitution</source>
            <translation>constitución</translation>
        </message>
        <message>
            <source>current</source>
            <translation>vigente</translation>
        </message>
        <message>
            <source>replaced</source>
            <translation>reemplazada</translation>
        </message>
        <message>
            <source>undone</source>
            <translation>deshecha</translation>
        </message>
        <message>
            <source>helpful</source>
            <translation>utilidad</translation>
        </message>
        <message>
            <source>honest</source>
            <translation>honestidad</translation>
        </message>
        <message>
            <source>harmless</source>
            <translation>inocuidad</translation>
        </message>
        <message>
            <source>style</source>
            <translation>estilo</translation>
        </message>
        <message>
            <source>The preference store cannot be opened:

{error}</source>
            <translation>No se puede abrir el almacén de preferencias:

{error}</translation>
        </message>
        <message>
            <source>Your labels are stored under this name; each annotator has their own.</source>
            <translation>Tus etiquetas se guardan con este nombre; cada anotador tiene las suyas.</translation>
        </message>
        <message>
            <source>Pairs you labeled (better reply or tie) / pairs in the store</source>
            <translation>Pares que etiquetaste (mejor respuesta o empate) / pares del almacén</translation>
        </message>
        <message>
            <source>Annotator</source>
            <translation>Anotador</translation>
        </message>
        <message>
            <source>labeled</source>
            <translation>etiquetados</translation>
        </message>
        <message>
            <source>Left reply</source>
            <translation>Respuesta izquierda</translation>
        </message>
        <message>
            <source>← Left is better (1)</source>
            <translation>← Mejor la izquierda (1)</translation>
        </message>
        <message>
            <source>Right reply</source>
            <translation>Respuesta derecha</translation>
        </message>
        <message>
            <source>Right is better (2) →</source>
            <translation>Mejor la derecha (2) →</translation>
        </message>
        <message>
            <source>Tie (T)</source>
            <translation>Empate (T)</translation>
        </message>
        <message>
            <source>Skip (S)</source>
            <translation>Saltar (S)</translation>
        </message>
        <message>
            <source>Undo (Ctrl+Z)</source>
            <translation>Deshacer (Ctrl+Z)</translation>
        </message>
        <message>
            <source>Which reply is better?</source>
            <translation>¿Qué respuesta es mejor?</translation>
        </message>
        <message>
            <source>Filter by your own labels</source>
            <translation>Filtrar por tus propias etiquetas</translation>
        </message>
        <message>
            <source>Sentence</source>
            <translation>Oración</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Origen</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Categoría</translation>
        </message>
        <message>
            <source>Your label</source>
            <translation>Tu etiqueta</translation>
        </message>
        <message>
            <source>AI label</source>
            <translation>Etiqueta IA</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>Mostrar</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Hora</translation>
        </message>
        <message>
            <source>Choice</source>
            <translation>Elección</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <source>Change label</source>
            <translation>Cambiar etiqueta</translation>
        </message>
        <message>
            <source>Change the selected judgement to</source>
            <translation>Cambiar el juicio seleccionado a</translation>
        </message>
        <message>
            <source>Left reply:
{left}

Right reply:
{right}</source>
            <translation>Respuesta izquierda:
{left}

Respuesta derecha:
{right}</translation>
        </message>
        <message>
            <source>Pairs</source>
            <translation>Pares</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Historial</translation>
        </message>
        <message>
            <source>Idle</source>
            <translation>En espera</translation>
        </message>
        <message>
            <source>List the pairs where they disagree below; click one to open it.</source>
            <translation>Lista abajo los pares en los que no coinciden; haz clic en uno para abrirlo.</translation>
        </message>
        <message>
            <source>Annotators</source>
            <translation>Anotadores</translation>
        </message>
        <message>
            <source>Agreement (κ)</source>
            <translation>Acuerdo (κ)</translation>
        </message>
        <message>
            <source>Cohen's kappa between annotators on the pairs both labeled: 1 is full agreement, 0 is what chance would give. It needs two annotators who labeled a common pair.</source>
            <translation>Kappa de Cohen entre anotadores sobre los pares que ambos etiquetaron: 1 es acuerdo total y 0, lo que daría el azar. Hacen falta dos anotadores que hayan etiquetado un par en común.</translation>
        </message>
        <message>
            <source>A sentence for the tutor to check</source>
            <translation>Una oración para que la revise el tutor</translation>
        </message>
        <message>
            <source>Random</source>
            <translation>Al azar</translation>
        </message>
        <message>
            <source>A sentence from the SFT set (never one from the eval set)</source>
            <translation>Una oración del conjunto de SFT (nunca una del de evaluación)</translation>
        </message>
        <message>
            <source>Generate a pair from the tutor</source>
            <translation>Generar un par con el tutor</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Detener</translation>
        </message>
        <message>
            <source>Two samples at temperature 0.9 become a new pair.</source>
            <translation>Dos muestras a temperatura 0.9 forman un par nuevo.</translation>
        </message>
        <message>
            <source>Import file…</source>
            <translation>Importar archivo…</translation>
        </message>
        <message>
            <source>A TRL preference JSONL file (prompt / chosen / rejected)</source>
            <translation>Un archivo JSONL de preferencias de TRL (prompt / chosen / rejected)</translation>
        </message>
        <message>
            <source>Export JSONL…</source>
            <translation>Exportar JSONL…</translation>
        </message>
        <message>
            <source>Export dataset…</source>
            <translation>Exportar dataset…</translation>
        </message>
        <message>
            <source>A Hugging Face datasets folder (datasets.load_from_disk reads it)</source>
            <translation>Una carpeta de datasets de Hugging Face (la lee datasets.load_from_disk)</translation>
        </message>
        <message>
            <source>More pairs</source>
            <translation>Más pares</translation>
        </message>
        <message>
            <source>The label was not saved</source>
            <translation>La etiqueta no se guardó</translation>
        </message>
        <message>
            <source>Undo failed</source>
            <translation>No se pudo deshacer</translation>
        </message>
        <message>
            <source>Nothing to undo for {name}.</source>
            <translation>No hay nada que deshacer para {name}.</translation>
        </message>
        <message>
            <source>Label taken back: pair #{id}, where you had chosen {choice}. Choose again.</source>
            <translation>Etiqueta retirada: par n.º {id}, donde habías elegido {choice}. Vuelve a elegir.</translation>
        </message>
        <message>
            <source>the left reply</source>
            <translation>la respuesta de la izquierda</translation>
        </message>
        <message>
            <source>the right reply</source>
            <translation>la respuesta de la derecha</translation>
        </message>
        <message>
            <source>a tie</source>
            <translation>un empate</translation>
        </message>
        <message>
            <source>to skip it</source>
            <translation>saltarlo</translation>
        </message>
        <message>
            <source>There is no pair #{id} in the store.</source>
            <translation>No hay ningún par n.º {id} en el almacén.</translation>
        </message>
        <message>
            <source>Pair #{id}</source>
            <translation>Par n.º {id}</translation>
        </message>
        <message>
            <source>{n} skipped</source>
            <translation>{n} saltados</translation>
        </message>
        <message>
            <source>No pairs yet: generate a pair from the tutor or import a file.</source>
            <translation>Aún no hay pares: genera un par con el tutor o importa un archivo.</translation>
        </message>
        <message>
            <source>All {total} pairs judged ({labeled} labeled, {skipped} skipped) — train a reward model or DPO on them, or show “Skipped” below to revisit the skips.</source>
            <translation>Los {total} pares están juzgados ({labeled} etiquetados, {skipped} saltados): entrena con ellos un modelo de recompensa o DPO, o muestra «Saltados» abajo para volver a los saltados.</translation>
        </message>
        <message>
            <source>All {total} pairs labeled — train a reward model or DPO on them.</source>
            <translation>Los {total} pares están etiquetados: entrena con ellos un modelo de recompensa o DPO.</translation>
        </message>
        <message>
            <source>The label was not changed</source>
            <translation>La etiqueta no se cambió</translation>
        </message>
        <message>
            <source>loading model…</source>
            <translation>cargando el modelo…</translation>
        </message>
        <message>
            <source>stopping…</source>
            <translation>deteniendo…</translation>
        </message>
        <message>
            <source>Stopped; no pair was added.</source>
            <translation>Detenido; no se añadió ningún par.</translation>
        </message>
        <message>
            <source>Both samples came out the same; generate again.</source>
            <translation>Las dos muestras salieron iguales; vuelve a generar.</translation>
        </message>
        <message>
            <source>No pair was added.</source>
            <translation>No se añadió ningún par.</translation>
        </message>
        <message>
            <source>The generated pair was not added</source>
            <translation>El par generado no se añadió</translation>
        </message>
        <message>
            <source>Added pair #{id}; it is shown above.</source>
            <translation>Par n.º {id} añadido; se muestra arriba.</translation>
        </message>
        <message>
            <source>Generation failed.</source>
            <translation>La generación falló.</translation>
        </message>
        <message>
            <source>Double-click a pair to open it. Category and AI label show once you have labeled the pair.</source>
            <translation>Haz doble clic en un par para abrirlo. La categoría y la etiqueta IA aparecen cuando ya lo has etiquetado.</translation>
        </message>
        <message>
            <source>AI annotator</source>
            <translation>Anotador IA</translation>
        </message>
        <message>
            <source>The constitution principle the AI judges by (the enabled ones of the Constitution tab); its labels are stored as annotator ai:&lt;principle&gt;, apart from yours.</source>
            <translation>El principio de la constitución con el que juzga la IA (los activados en la pestaña Constitución); sus etiquetas se guardan con el anotador ai:&lt;principle&gt;, aparte de las tuyas.</translation>
        </message>
        <message>
            <source>Label the rest with the AI</source>
            <translation>Etiquetar el resto con la IA</translation>
        </message>
        <message>
            <source>The tutor judges every pair it has not labeled yet by the principle, each reply on its own. By critique: the reply whose critique is likelier to find no fault is labeled better. By revise (honest): the reply its revision is likelier to keep word for word. A near tie stays a tie. Stop keeps the labels made so far.</source>
            <translation>El tutor juzga por el principio cada par que aún no ha etiquetado, cada respuesta por separado. Con critique: queda como mejor la respuesta cuya crítica tiene más probabilidad de no encontrar fallo. Con revise (honest): la que su revisión tiene más probabilidad de conservar palabra por palabra. Un casi empate sigue siendo empate. Detener conserva las etiquetas ya hechas.</translation>
        </message>
        <message>
            <source>Principle</source>
            <translation>Principio</translation>
        </message>
        <message>
            <source>κ</source>
            <translation>κ</translation>
        </message>
        <message>
            <source>agree</source>
            <translation>acuerdo</translation>
        </message>
        <message>
            <source>pairs</source>
            <translation>pares</translation>
        </message>
        <message>
            <source>You and the AI</source>
            <translation>Tú y la IA</translation>
        </message>
        <message>
            <source>AI and seed labels</source>
            <translation>IA y etiquetas semilla</translation>
        </message>
        <message>
            <source>On the pairs both labeled (a tie counts as a label, a skip does not): κ is Cohen's kappa (1 full agreement, 0 what chance would give), agree the share of pairs with the same label.</source>
            <translation>Sobre los pares que ambos etiquetaron (un empate cuenta como etiqueta, un salto no): κ es la kappa de Cohen (1 acuerdo total, 0 lo que daría el azar) y acuerdo, la proporción de pares con la misma etiqueta.</translation>
        </message>
        <message>
            <source>AI sure</source>
            <translation>Seguridad IA</translation>
        </message>
        <message>
            <source>AI annotators</source>
            <translation>Anotadores IA</translation>
        </message>
        <message>
            <source>Programs that label: the AI (ai:…) and the constitution loop (constitution:…). Their labels are counted apart from people's; compare the AI with you in the AI annotator tab.</source>
            <translation>Programas que etiquetan: la IA (ai:…) y el bucle de la constitución (constitution:…). Sus etiquetas se cuentan aparte de las de las personas; compara la IA contigo en la pestaña Anotador IA.</translation>
        </message>
        <message>
            <source>People's labels</source>
            <translation>Etiquetas de personas</translation>
        </message>
        <message>
            <source>Labeled, ties, skipped, annotators and agreement count people only.</source>
            <translation>Etiquetados, empates, saltados, anotadores y acuerdo cuentan solo a las personas.</translation>
        </message>
        <message>
            <source>held-out pair: never used for training</source>
            <translation>par reservado: nunca se usa para entrenar</translation>
        </message>
        <message>
            <source>{you}: press a key to change it</source>
            <translation>{you}: pulsa una tecla para cambiarlo</translation>
        </message>
        <message>
            <source>you called it a tie</source>
            <translation>lo diste por empate</translation>
        </message>
        <message>
            <source>you skipped it</source>
            <translation>lo saltaste</translation>
        </message>
        <message>
            <source>you chose the {side}</source>
            <translation>elegiste la {side}</translation>
        </message>
        <message>
            <source>{annotator} calls it a tie</source>
            <translation>{annotator} lo da por empate</translation>
        </message>
        <message>
            <source>{annotator} chose the {side}, {sure} sure</source>
            <translation>{annotator} eligió la {side}, con un {sure} de seguridad</translation>
        </message>
        <message>
            <source>On this pair: {ai}.</source>
            <translation>En este par: {ai}.</translation>
        </message>
        <message>
            <source>Last pair #{id} ({category}): {you}</source>
            <translation>Par anterior n.º {id} ({category}): {you}</translation>
        </message>
        <message>
            <source>Last pair #{id}: {you}</source>
            <translation>Par anterior n.º {id}: {you}</translation>
        </message>
        <message>
            <source>{title} · the AI's choice ({sure})</source>
            <translation>{title} · la elección de la IA ({sure})</translation>
        </message>
        <message>
            <source>1 skipped</source>
            <translation>1 saltado</translation>
        </message>
        <message>
            <source>held-out pair</source>
            <translation>par reservado</translation>
        </message>
        <message>
            <source>{annotator}: {n} pairs labeled, {ties} ties</source>
            <translation>{annotator}: {n} pares etiquetados, {ties} empates</translation>
        </message>
        <message>
            <source>No AI labels yet: press “Label the rest with the AI”.</source>
            <translation>Aún no hay etiquetas IA: pulsa «Etiquetar el resto con la IA».</translation>
        </message>
        <message>
            <source>Seed label</source>
            <translation>Etiqueta semilla</translation>
        </message>
        <message>
            <source>The AI cannot label with this annotator</source>
            <translation>La IA no puede etiquetar con este anotador</translation>
        </message>
        <message>
            <source>{annotator} is not an enabled principle of your constitution: enable it in the Constitution tab, or pick another.</source>
            <translation>{annotator} no es un principio activado de tu constitución: actívalo en la pestaña Constitución o elige otro.</translation>
        </message>
        <message>
            <source>A job is already running in this tab.</source>
            <translation>Ya hay un trabajo en marcha en esta pestaña.</translation>
        </message>
        <message>
            <source>starting…</source>
            <translation>iniciando…</translation>
        </message>
        <message>
            <source>{done} of {total} pairs labeled · {elapsed} elapsed · ETA {eta}</source>
            <translation>{done} de {total} pares etiquetados · {elapsed} transcurrido · faltan {eta}</translation>
        </message>
        <message>
            <source>loading the judge model…</source>
            <translation>cargando el modelo juez…</translation>
        </message>
        <message>
            <source>The AI labeling failed</source>
            <translation>El etiquetado con la IA falló</translation>
        </message>
        <message>
            <source>The AI labeling failed: {message}</source>
            <translation>El etiquetado con la IA falló: {message}</translation>
        </message>
        <message>
            <source>Stopped at {labeled} of {total} pairs: they stay. “Label the rest” goes on.</source>
            <translation>Detenido en {labeled} de {total} pares: se quedan. «Etiquetar el resto» sigue.</translation>
        </message>
        <message>
            <source>Nothing to label: {annotator} has labeled every pair.</source>
            <translation>Nada que etiquetar: {annotator} ya etiquetó todos los pares.</translation>
        </message>
        <message>
            <source>{annotator} labeled {labeled} pairs in {time} by {method} ({ties} ties: a lean within {margin} of 50/50).</source>
            <translation>{annotator} etiquetó {labeled} pares en {time} con {method} ({ties} empates: una inclinación a menos de {margin} del 50/50).</translation>
        </message>
        <message>
            <source>stopping after this batch… the labels stored so far stay</source>
            <translation>deteniendo tras este lote… las etiquetas ya guardadas se quedan</translation>
        </message>
        <message>
            <source>Generation failed</source>
            <translation>La generación falló</translation>
        </message>
        <message>
            <source>Import preference pairs</source>
            <translation>Importar pares de preferencias</translation>
        </message>
        <message>
            <source>JSON Lines (*.jsonl);;All files (*)</source>
            <translation>JSON Lines (*.jsonl);;Todos los archivos (*)</translation>
        </message>
        <message>
            <source>Nothing was imported</source>
            <translation>No se importó nada</translation>
        </message>
        <message>
            <source>{error}

Fix the file and import it again.</source>
            <translation>{error}

Corrige el archivo e impórtalo de nuevo.</translation>
        </message>
        <message>
            <source>Imported {n} pairs from {name}.</source>
            <translation>{n} pares importados de {name}.</translation>
        </message>
        <message>
            <source>Nothing to export</source>
            <translation>Nada que exportar</translation>
        </message>
        <message>
            <source>No pair has a winning reply yet: label some pairs first.</source>
            <translation>Ningún par tiene aún una respuesta ganadora: etiqueta algunos pares primero.</translation>
        </message>
        <message>
            <source>Export labeled pairs as JSONL</source>
            <translation>Exportar los pares etiquetados como JSONL</translation>
        </message>
        <message>
            <source>JSON Lines (*.jsonl)</source>
            <translation>JSON Lines (*.jsonl)</translation>
        </message>
        <message>
            <source>Export labeled pairs as a dataset folder</source>
            <translation>Exportar los pares etiquetados como carpeta de dataset</translation>
        </message>
        <message>
            <source>Folder (*)</source>
            <translation>Carpeta (*)</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>La exportación falló</translation>
        </message>
        <message>
            <source>Exported {n} preference rows to {path}.</source>
            <translation>{n} filas de preferencias exportadas a {path}.</translation>
        </message>
        <message>
            <source>skipped</source>
            <translation>saltado</translation>
        </message>
        <message>
            <source>left reply</source>
            <translation>respuesta izquierda</translation>
        </message>
        <message>
            <source>right reply</source>
            <translation>respuesta derecha</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Tutor</source>
            <translation>Tutor</translation>
        </message>
        <message>
            <source>Label</source>
            <translation>Etiquetar</translation>
        </message>
        <message>
            <source>Reward model</source>
            <translation>Modelo de recompensa</translation>
        </message>
        <message>
            <source>DPO</source>
            <translation>DPO</translation>
        </message>
        <message>
            <source>Constitution</source>
            <translation>Constitución</translation>
        </message>
        <message>
            <source>Runs</source>
            <translation>Ejecuciones</translation>
        </message>
        <message>
            <source>Preference Lab</source>
            <translation>Laboratorio de Preferencias</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Archivo</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>&amp;Ajustes…</translation>
        </message>
        <message>
            <source>Language, default model and annotator name</source>
            <translation>Idioma, modelo predeterminado y nombre del anotador</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Salir</translation>
        </message>
        <message>
            <source>The language changes as soon as the running job ends: the job keeps running, and the tabs are rebuilt in the new language then.</source>
            <translation>El idioma cambiará en cuanto termine el trabajo en marcha: el trabajo sigue, y entonces las pestañas se reconstruyen en el nuevo idioma.</translation>
        </message>
        <message>
            <source>default data dir</source>
            <translation>carpeta de datos predeterminada</translation>
        </message>
        <message>
            <source>tiny test model</source>
            <translation>modelo de prueba diminuto</translation>
        </message>
        <message>
            <source>Model: {model}   ·   Data: {data}</source>
            <translation>Modelo: {model}   ·   Datos: {data}</translation>
        </message>
    </context>
    <context>
        <name>MetricsPlot</name>
        <message>
            <source>step</source>
            <translation>paso</translation>
        </message>
        <message>
            <source>Export plot…</source>
            <translation>Exportar gráfica…</translation>
        </message>
        <message>
            <source>Export plot</source>
            <translation>Exportar gráfica</translation>
        </message>
        <message>
            <source>PNG image (*.png);;SVG drawing (*.svg)</source>
            <translation>Imagen PNG (*.png);;Dibujo SVG (*.svg)</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>La exportación falló</translation>
        </message>
    </context>
    <context>
        <name>ModelSession</name>
        <message>
            <source>stopped</source>
            <translation>detenido</translation>
        </message>
        <message>
            <source> (killed: the system may be short of memory)</source>
            <translation> (terminado: puede que falte memoria en el sistema)</translation>
        </message>
        <message>
            <source>The model process ended unexpectedly (exit code {code}){why}; it starts again with the next question.</source>
            <translation>El proceso del modelo terminó inesperadamente (código de salida {code}){why}; vuelve a arrancar con la siguiente pregunta.</translation>
        </message>
    </context>
    <context>
        <name>PairSourceBox</name>
        <message>
            <source>200 seed pairs (bundled)</source>
            <translation>200 pares semilla (incluidos)</translation>
        </message>
        <message>
            <source>My labels (Label tab)</source>
            <translation>Mis etiquetas (pestaña Etiquetar)</translation>
        </message>
        <message>
            <source>Train on the bundled seed pairs, on the pairs you labeled, on the labels of the AI annotator (Label tab: “Label the rest with the AI”), on both, or on a TRL preference JSONL file.</source>
            <translation>Entrena con los pares semilla incluidos, con los pares que etiquetaste, con las etiquetas del anotador IA (pestaña Etiquetar: “Etiquetar el resto con la IA”), con ambos, o con un archivo JSONL de preferencias de TRL.</translation>
        </message>
        <message>
            <source>File…</source>
            <translation>Archivo…</translation>
        </message>
        <message>
            <source>Use a TRL preference JSONL file (prompt / chosen / rejected)</source>
            <translation>Usar un archivo JSONL de preferencias de TRL (prompt / chosen / rejected)</translation>
        </message>
        <message>
            <source>AI labels ({annotator})</source>
            <translation>Etiquetas de la IA ({annotator})</translation>
        </message>
        <message>
            <source>My labels and AI labels (all vote)</source>
            <translation>Mis etiquetas y las de la IA (todas votan)</translation>
        </message>
        <message>
            <source>Preference pairs</source>
            <translation>Pares de preferencias</translation>
        </message>
        <message>
            <source>JSONL (*.jsonl)</source>
            <translation>JSONL (*.jsonl)</translation>
        </message>
    </context>
    <context>
        <name>Phase</name>
        <message>
            <source>loading model</source>
            <translation>cargando el modelo</translation>
        </message>
        <message>
            <source>loading weights</source>
            <translation>cargando los pesos</translation>
        </message>
        <message>
            <source>model ready</source>
            <translation>modelo listo</translation>
        </message>
        <message>
            <source>reading the embedded SmolLM2 GGUF</source>
            <translation>leyendo el GGUF integrado de SmolLM2</translation>
        </message>
        <message>
            <source>saving safetensors to the model cache</source>
            <translation>guardando safetensors en la caché de modelos</translation>
        </message>
        <message>
            <source>converting tensor</source>
            <translation>convirtiendo el tensor</translation>
        </message>
        <message>
            <source>generating</source>
            <translation>generando</translation>
        </message>
        <message>
            <source>eval</source>
            <translation>evaluación</translation>
        </message>
        <message>
            <source>evaluating</source>
            <translation>evaluando</translation>
        </message>
        <message>
            <source>eval before</source>
            <translation>evaluación previa</translation>
        </message>
        <message>
            <source>eval after</source>
            <translation>evaluación posterior</translation>
        </message>
        <message>
            <source>reference log-probs</source>
            <translation>log-probabilidades de referencia</translation>
        </message>
        <message>
            <source>training</source>
            <translation>entrenando</translation>
        </message>
        <message>
            <source>finished</source>
            <translation>terminado</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>detenido</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>falló</translation>
        </message>
        <message>
            <source>interrupted</source>
            <translation>interrumpido</translation>
        </message>
        <message>
            <source>base model</source>
            <translation>modelo base</translation>
        </message>
        <message>
            <source>tutor</source>
            <translation>tutor</translation>
        </message>
        <message>
            <source>before</source>
            <translation>antes</translation>
        </message>
        <message>
            <source>after</source>
            <translation>después</translation>
        </message>
        <message>
            <source>eval set</source>
            <translation>conjunto de evaluación</translation>
        </message>
        <message>
            <source>red-team</source>
            <translation>red team</translation>
        </message>
        <message>
            <source>critique &amp; revise</source>
            <translation>criticar y revisar</translation>
        </message>
        <message>
            <source>sampling two replies</source>
            <translation>muestreando dos respuestas</translation>
        </message>
        <message>
            <source>loading reward model</source>
            <translation>cargando el modelo de recompensa</translation>
        </message>
        <message>
            <source>pair margins</source>
            <translation>márgenes por par</translation>
        </message>
        <message>
            <source>dev</source>
            <translation>desarrollo</translation>
        </message>
        <message>
            <source>test</source>
            <translation>prueba</translation>
        </message>
        <message>
            <source>red-team dev</source>
            <translation>red-team desarrollo</translation>
        </message>
        <message>
            <source>red-team test</source>
            <translation>red-team prueba</translation>
        </message>
    </context>
    <context>
        <name>ProgressPanel</name>
        <message>
            <source>step {step}/{total}</source>
            <translation>paso {step}/{total}</translation>
        </message>
        <message>
            <source>{time} elapsed</source>
            <translation>{time} transcurrido</translation>
        </message>
        <message>
            <source>ETA {time}</source>
            <translation>faltan {time}</translation>
        </message>
        <message>
            <source>Idle</source>
            <translation>En espera</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Iniciar</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Detener</translation>
        </message>
        <message>
            <source>starting…</source>
            <translation>iniciando…</translation>
        </message>
    </context>
    <context>
        <name>RecordView</name>
        <message>
            <source>Select a result to see what the revisions changed, word by word.</source>
            <translation>Selecciona un resultado para ver qué cambiaron las revisiones, palabra por palabra.</translation>
        </message>
        <message>
            <source>The critique and the revision of each round appear here.</source>
            <translation>La crítica y la revisión de cada ronda aparecen aquí.</translation>
        </message>
        <message>
            <source>&lt;b&gt;First answer → final revision&lt;/b&gt;</source>
            <translation>&lt;b&gt;Primera respuesta → revisión final&lt;/b&gt;</translation>
        </message>
        <message>
            <source>&lt;b&gt;Rounds&lt;/b&gt;</source>
            <translation>&lt;b&gt;Rondas&lt;/b&gt;</translation>
        </message>
    </context>
    <context>
        <name>ResumeButton</name>
        <message>
            <source>Resume</source>
            <translation>Reanudar</translation>
        </message>
        <message>
            <source>Continue the last stopped run from its last checkpoint</source>
            <translation>Continuar la última ejecución detenida desde su último punto de control</translation>
        </message>
        <message>
            <source>Cannot resume the run</source>
            <translation>No se puede reanudar la ejecución</translation>
        </message>
        <message>
            <source>resuming {name}…</source>
            <translation>reanudando {name}…</translation>
        </message>
    </context>
    <context>
        <name>RewardHistogram</name>
        <message>
            <source>Held-out rewards</source>
            <translation>Recompensas en reservados</translation>
        </message>
        <message>
            <source>reward</source>
            <translation>recompensa</translation>
        </message>
        <message>
            <source>pairs</source>
            <translation>pares</translation>
        </message>
        <message>
            <source>chosen</source>
            <translation>elegida</translation>
        </message>
        <message>
            <source>rejected</source>
            <translation>rechazada</translation>
        </message>
        <message>
            <source>Rewards the model gives the chosen and the rejected reply of each held-out pair: well separated = the model ranks them apart.</source>
            <translation>Recompensas que el modelo da a la respuesta elegida y a la rechazada de cada par reservado: bien separadas = el modelo las distingue.</translation>
        </message>
    </context>
    <context>
        <name>RewardTab</name>
        <message>
            <source>Learning rate</source>
            <translation>Tasa de aprendizaje</translation>
        </message>
        <message>
            <source>LoRA rank</source>
            <translation>Rango de LoRA</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>Épocas</translation>
        </message>
        <message>
            <source>Batch size</source>
            <translation>Tamaño de lote</translation>
        </message>
        <message>
            <source>Run folder</source>
            <translation>Carpeta de la ejecución</translation>
        </message>
        <message>
            <source>Max steps</source>
            <translation>Pasos máx.</translation>
        </message>
        <message>
            <source>Phrase lookup</source>
            <translation>Tabla de frases</translation>
        </message>
        <message>
            <source>Longer wins</source>
            <translation>Gana la más larga</translation>
        </message>
        <message>
            <source>Shorter wins</source>
            <translation>Gana la más corta</translation>
        </message>
        <message>
            <source>The trained reward model: the pair is right when the chosen reply gets the higher reward.</source>
            <translation>El modelo de recompensa entrenado: el par está bien cuando la respuesta elegida recibe la recompensa más alta.</translation>
        </message>
        <message>
            <source>No model: count which phrases were in the chosen and which in the rejected replies of the training pairs, and pick the reply whose phrases were chosen more often. Ties count half.</source>
            <translation>Sin modelo: cuenta qué frases estaban en las respuestas elegidas y cuáles en las rechazadas de los pares de entrenamiento, y escoge la respuesta cuyas frases se eligieron más a menudo. Los empates cuentan la mitad.</translation>
        </message>
        <message>
            <source>No model: the longer reply wins. Ties count half.</source>
            <translation>Sin modelo: gana la respuesta más larga. Los empates cuentan la mitad.</translation>
        </message>
        <message>
            <source>No model: the shorter reply wins. Ties count half.</source>
            <translation>Sin modelo: gana la respuesta más corta. Los empates cuentan la mitad.</translation>
        </message>
        <message>
            <source>Held-out</source>
            <translation>Reservados</translation>
        </message>
        <message>
            <source>Sampled</source>
            <translation>Muestreados</translation>
        </message>
        <message>
            <source>pairs_heldout: built from the same templates as the training pairs</source>
            <translation>pairs_heldout: hechos con las mismas plantillas que los pares de entrenamiento</translation>
        </message>
        <message>
            <source>pairs_sampled: two of the tutor's own sampled replies on test sentences, ranked by the rule judge</source>
            <translation>pairs_sampled: dos respuestas muestreadas del propio tutor a oraciones de prueba, ordenadas por el juez de reglas</translation>
        </message>
        <message>
            <source>Accuracy and margins are also measured on the bundled held-out pairs, which are never trained on.</source>
            <translation>La exactitud y los márgenes también se miden en los pares reservados incluidos, con los que nunca se entrena.</translation>
        </message>
        <message>
            <source>Training pairs</source>
            <translation>Pares de entrenamiento</translation>
        </message>
        <message>
            <source>all</source>
            <translation>todos</translation>
        </message>
        <message>
            <source>Passes over the training pairs. More epochs fit them better, but may overfit.</source>
            <translation>Pasadas por los pares de entrenamiento. Más épocas los ajustan mejor, pero pueden sobreajustar.</translation>
        </message>
        <message>
            <source>Step size of each update (a positive number, e.g. 5e-4). Too high: the loss jumps around; too low: it barely moves.</source>
            <translation>Tamaño de cada actualización (un número positivo, p. ej. 5e-4). Demasiado alto: la pérdida da saltos; demasiado bajo: apenas se mueve.</translation>
        </message>
        <message>
            <source>Size of the low-rank adapter trained on top of the frozen model (LoRA alpha = 2 × rank). Higher = more capacity, slower.</source>
            <translation>Tamaño del adaptador de bajo rango que se entrena sobre el modelo congelado (alfa de LoRA = 2 × rango). Más alto = más capacidad, más lento.</translation>
        </message>
        <message>
            <source>Stop after this many optimizer steps (0 = run all the epochs).</source>
            <translation>Parar tras este número de pasos del optimizador (0 = completar todas las épocas).</translation>
        </message>
        <message>
            <source>Start training</source>
            <translation>Iniciar entrenamiento</translation>
        </message>
        <message>
            <source>Train a reward model on the chosen pairs</source>
            <translation>Entrenar un modelo de recompensa con los pares elegidos</translation>
        </message>
        <message>
            <source>Train the reward model</source>
            <translation>Entrena el modelo de recompensa</translation>
        </message>
        <message>
            <source>{right} of {n} pairs ranked right; 95% interval {low:.0%}–{high:.0%} (Wilson)</source>
            <translation>{right} de {n} pares bien ordenados; intervalo del 95 % {low:.0%}–{high:.0%} (Wilson)</translation>
        </message>
        <message>
            <source>{wrong} of {n} held-out pairs misranked. Select one and press Inspect pair… to read it in full.</source>
            <translation>{wrong} de {n} pares reservados mal ordenados. Selecciona uno y pulsa Ver el par… para leerlo entero.</translation>
        </message>
        <message>
            <source>Not scored: the run was stopped. Resume it to the end to score the held-out pairs.</source>
            <translation>Sin evaluar: la ejecución se detuvo. Reanúdala hasta el final para evaluar los pares reservados.</translation>
        </message>
        <message>
            <source>Held-out pair</source>
            <translation>Par reservado</translation>
        </message>
        <message>
            <source>The reward model ranks this pair the wrong way round.</source>
            <translation>El modelo de recompensa ordena este par al revés.</translation>
        </message>
        <message>
            <source>The reward model ranks this pair right.</source>
            <translation>El modelo de recompensa ordena bien este par.</translation>
        </message>
        <message>
            <source>Chosen reply (reward {value:+.3f})</source>
            <translation>Respuesta elegida (recompensa {value:+.3f})</translation>
        </message>
        <message>
            <source>Rejected reply (reward {value:+.3f})</source>
            <translation>Respuesta rechazada (recompensa {value:+.3f})</translation>
        </message>
        <message>
            <source>Held-out pairs are only for measuring: this one is not added to your preference store, so training on “My labels” never sees it. To label pairs yourself, use the Label tab.</source>
            <translation>Los pares reservados solo sirven para medir: este no se añade a tu almacén de preferencias, así que entrenar con “Mis etiquetas” nunca lo ve. Para etiquetar pares tú mismo, usa la pestaña Etiquetar.</translation>
        </message>
        <message>
            <source>Reward model</source>
            <translation>Modelo de recompensa</translation>
        </message>
        <message>
            <source>Held-out accuracy</source>
            <translation>Exactitud en los reservados</translation>
        </message>
        <message>
            <source>The learner's message (the tutor's prompt)</source>
            <translation>El mensaje del estudiante (el prompt del tutor)</translation>
        </message>
        <message>
            <source>Any reply: the reward model gives it one number</source>
            <translation>Cualquier respuesta: el modelo de recompensa le da un número</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>Puntuar</translation>
        </message>
        <message>
            <source>Reward of this reply from the last trained reward model</source>
            <translation>Recompensa de esta respuesta según el último modelo de recompensa entrenado</translation>
        </message>
        <message>
            <source>Train a reward model first.</source>
            <translation>Entrena primero un modelo de recompensa.</translation>
        </message>
        <message>
            <source>Score any reply</source>
            <translation>Puntúa cualquier respuesta</translation>
        </message>
        <message>
            <source>train</source>
            <translation>entrenamiento</translation>
        </message>
        <message>
            <source>held-out</source>
            <translation>reservados</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>Pérdida</translation>
        </message>
        <message>
            <source>Pairwise loss −log σ(r_chosen − r_rejected): starts near 0.69 (a coin flip) and should fall.</source>
            <translation>Pérdida por pares −log σ(r_elegida − r_rechazada): empieza cerca de 0.69 (lanzar una moneda) y debería bajar.</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>pérdida</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>Exactitud</translation>
        </message>
        <message>
            <source>Share of pairs where the chosen reply gets the higher reward: should climb from ~0.5 (chance) towards 1.0; held-out shows whether it generalises.</source>
            <translation>Proporción de pares en los que la respuesta elegida recibe más recompensa: debería subir de ~0.5 (azar) hacia 1.0; la curva de reservados muestra si generaliza.</translation>
        </message>
        <message>
            <source>accuracy</source>
            <translation>exactitud</translation>
        </message>
        <message>
            <source>Reward margin</source>
            <translation>Margen de recompensa</translation>
        </message>
        <message>
            <source>Mean r_chosen − r_rejected: should rise above 0 as the model pushes the pairs apart.</source>
            <translation>Media de r_elegida − r_rechazada: debería superar 0 a medida que el modelo separa los pares.</translation>
        </message>
        <message>
            <source>margin</source>
            <translation>margen</translation>
        </message>
        <message>
            <source>Margin</source>
            <translation>Margen</translation>
        </message>
        <message>
            <source>Sentence</source>
            <translation>Oración</translation>
        </message>
        <message>
            <source>Chosen</source>
            <translation>Elegida</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Rechazada</translation>
        </message>
        <message>
            <source>Train a reward model to see how it ranks the held-out pairs.</source>
            <translation>Entrena un modelo de recompensa para ver cómo ordena los pares reservados.</translation>
        </message>
        <message>
            <source>Held-out pairs, misranked first (red: the rejected reply got the higher reward)</source>
            <translation>Pares reservados, mal ordenados primero (rojo: la rechazada obtuvo más recompensa)</translation>
        </message>
        <message>
            <source>Learning rate: “{text}” is not a number (try 5e-4)</source>
            <translation>Tasa de aprendizaje: «{text}» no es un número (prueba 5e-4)</translation>
        </message>
        <message>
            <source>Epochs: must be &gt; 0</source>
            <translation>Épocas: debe ser &gt; 0</translation>
        </message>
        <message>
            <source>Check the training settings</source>
            <translation>Revisa los ajustes de entrenamiento</translation>
        </message>
        <message>
            <source>stopping…</source>
            <translation>deteniendo…</translation>
        </message>
        <message>
            <source>Nothing to score</source>
            <translation>Nada que puntuar</translation>
        </message>
        <message>
            <source>Reply: type the reply to score.</source>
            <translation>Respuesta: escribe la respuesta que quieres puntuar.</translation>
        </message>
        <message>
            <source>scoring…</source>
            <translation>puntuando…</translation>
        </message>
        <message>
            <source>A job is already running in this tab.</source>
            <translation>Ya hay un trabajo en marcha en esta pestaña.</translation>
        </message>
        <message>
            <source>loading model…</source>
            <translation>cargando el modelo…</translation>
        </message>
        <message>
            <source>scoring stopped</source>
            <translation>puntuación detenida</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>detenido</translation>
        </message>
        <message>
            <source>scoring failed</source>
            <translation>la puntuación falló</translation>
        </message>
        <message>
            <source>failed: {message}</source>
            <translation>falló: {message}</translation>
        </message>
        <message>
            <source>Stop within the step; the model so far is kept (and scored when a Resume finishes it)</source>
            <translation>Parar dentro del paso; el modelo obtenido hasta ahora se conserva (y se evalúa cuando una reanudación lo termina)</translation>
        </message>
        <message>
            <source>The job failed</source>
            <translation>El trabajo falló</translation>
        </message>
        <message>
            <source>1 step</source>
            <translation>1 paso</translation>
        </message>
        <message>
            <source>{n} steps</source>
            <translation>{n} pasos</translation>
        </message>
        <message>
            <source>{seconds:.2f} s per step</source>
            <translation>{seconds:.2f} s por paso</translation>
        </message>
        <message>
            <source>Reward model saved in {path}</source>
            <translation>Modelo de recompensa guardado en {path}</translation>
        </message>
        <message>
            <source>Share of held-out pairs ranked right; in brackets the 95% interval (Wilson). The rules use no model: a model no better than “pick the longer reply” has learnt length, and one no better than the phrase lookup (which phrases were chosen or rejected in the training pairs) has learnt a table. 100% pair accuracy while the replies stay wrong is a known trap: the sampled pairs, built from the tutor's own replies, show whether the model learnt more.</source>
            <translation>Proporción de pares reservados bien ordenados; entre paréntesis, el intervalo del 95 % (Wilson). Las reglas no usan ningún modelo: un modelo que no supera a “elegir la respuesta más larga” ha aprendido longitud, y uno que no supera a la tabla de frases (qué frases se eligieron o rechazaron en los pares de entrenamiento) ha aprendido una tabla. Un 100 % de acierto en los pares mientras las respuestas siguen mal es una trampa conocida: los pares muestreados, hechos con las propias respuestas del tutor, muestran si el modelo aprendió algo más.</translation>
        </message>
        <message>
            <source>Inspect pair…</source>
            <translation>Ver el par…</translation>
        </message>
        <message>
            <source>Read the selected held-out pair in full and judge it yourself. It is not copied into your preference store: a held-out pair that is trained on no longer measures anything.</source>
            <translation>Lee entero el par reservado seleccionado y júzgalo tú mismo. No se copia en tu almacén de preferencias: un par reservado con el que se entrena ya no mide nada.</translation>
        </message>
        <message>
            <source>Reward: &lt;b&gt;{reward:+.3f}&lt;/b&gt;</source>
            <translation>Recompensa: &lt;b&gt;{reward:+.3f}&lt;/b&gt;</translation>
        </message>
        <message>
            <source>chosen {value:+.3f}</source>
            <translation>elegida {value:+.3f}</translation>
        </message>
        <message>
            <source>rejected {value:+.3f}</source>
            <translation>rechazada {value:+.3f}</translation>
        </message>
        <message>
            <source>held-out means: {means}</source>
            <translation>medias en los reservados: {means}</translation>
        </message>
        <message>
            <source>Press Score to see the reward of this reply.</source>
            <translation>Pulsa Puntuar para ver la recompensa de esta respuesta.</translation>
        </message>
        <message>
            <source>No held-out pairs.</source>
            <translation>No hay pares reservados.</translation>
        </message>
        <message>
            <source>last run: {name} ({status}, {steps} steps)</source>
            <translation>última ejecución: {name} ({status}, {steps} pasos)</translation>
        </message>
    </context>
    <context>
        <name>RoundsTable</name>
        <message>
            <source>Accept</source>
            <translation>Aceptar</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>Rechazar</translation>
        </message>
        <message>
            <source>Undecide</source>
            <translation>Sin decidir</translation>
        </message>
        <message>
            <source>Accept the selected revised rows (a row the revisions left unchanged has nothing to accept)</source>
            <translation>Aceptar las filas revisadas seleccionadas (una fila que las revisiones dejaron igual no tiene nada que aceptar)</translation>
        </message>
        <message>
            <source>Accept all</source>
            <translation>Aceptar todo</translation>
        </message>
        <message>
            <source>Accept every revised row</source>
            <translation>Aceptar todas las filas revisadas</translation>
        </message>
        <message>
            <source>Reject all</source>
            <translation>Rechazar todo</translation>
        </message>
        <message>
            <source>Press Run: each prompt's result appears here as soon as it is ready.</source>
            <translation>Pulsa Ejecutar: el resultado de cada prompt aparece aquí en cuanto está listo.</translation>
        </message>
        <message>
            <source>Open run…</source>
            <translation>Abrir ejecución…</translation>
        </message>
        <message>
            <source>Review an earlier constitution run (a folder with records.jsonl)</source>
            <translation>Revisar una ejecución anterior de la constitución (una carpeta con records.jsonl)</translation>
        </message>
        <message>
            <source>Round {i}: {principle}</source>
            <translation>Ronda {i}: {principle}</translation>
        </message>
        <message>
            <source>revised</source>
            <translation>revisada</translation>
        </message>
        <message>
            <source>unchanged</source>
            <translation>sin cambios</translation>
        </message>
        <message>
            <source>{n} dropped</source>
            <translation>{n} descartada(s)</translation>
        </message>
        <message>
            <source>Round {i}: revision dropped ({reason})</source>
            <translation>Ronda {i}: revisión descartada ({reason})</translation>
        </message>
        <message>
            <source>The final revision differs from the first answer.</source>
            <translation>La revisión final difiere de la primera respuesta.</translation>
        </message>
        <message>
            <source>The revisions left the first answer as it was.</source>
            <translation>Las revisiones dejaron la primera respuesta como estaba.</translation>
        </message>
        <message>
            <source>{n} results · {accepted} accepted · {rejected} rejected</source>
            <translation>{n} resultados · {accepted} aceptados · {rejected} rechazados</translation>
        </message>
    </context>
    <context>
        <name>RunsTab</name>
        <message>
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <source>Read the run folders again</source>
            <translation>Volver a leer las carpetas de ejecuciones</translation>
        </message>
        <message>
            <source>Open folder…</source>
            <translation>Abrir carpeta…</translation>
        </message>
        <message>
            <source>Add a run folder from elsewhere to the list</source>
            <translation>Añadir a la lista una carpeta de ejecución de otro sitio</translation>
        </message>
        <message>
            <source>Compare</source>
            <translation>Comparar</translation>
        </message>
        <message>
            <source>Overlay the curves of the selected runs (two or more runs of one lab)</source>
            <translation>Superponer las curvas de las ejecuciones seleccionadas (dos o más de un mismo laboratorio)</translation>
        </message>
        <message>
            <source>Export CSV…</source>
            <translation>Exportar CSV…</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Eliminar…</translation>
        </message>
        <message>
            <source>Delete the selected run folders</source>
            <translation>Eliminar las carpetas de ejecución seleccionadas</translation>
        </message>
        <message>
            <source>Save the metrics of the selected run (or of the runs selected to compare, with a run column) as a CSV table</source>
            <translation>Guardar las métricas de la ejecución seleccionada (o de las ejecuciones seleccionadas para comparar, con una columna de ejecución) como tabla CSV</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Inicio</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Datos</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Ajustes</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Estado</translation>
        </message>
        <message>
            <source>Started from</source>
            <translation>Partió de</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Resultado</translation>
        </message>
        <message>
            <source>Select a run to see its curves; select several runs of one lab and press Compare to overlay them.</source>
            <translation>Selecciona una ejecución para ver sus curvas; selecciona varias de un mismo laboratorio y pulsa Comparar para superponerlas.</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Clave</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Valor</translation>
        </message>
        <message>
            <source>train</source>
            <translation>entrenamiento</translation>
        </message>
        <message>
            <source>held-out</source>
            <translation>reservados</translation>
        </message>
        <message>
            <source>Training loss</source>
            <translation>Pérdida de entrenamiento</translation>
        </message>
        <message>
            <source>Loss</source>
            <translation>Pérdida</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>Exactitud</translation>
        </message>
        <message>
            <source>Reward margin</source>
            <translation>Margen de recompensa</translation>
        </message>
        <message>
            <source>DPO loss</source>
            <translation>Pérdida de DPO</translation>
        </message>
        <message>
            <source>SFT term</source>
            <translation>Término SFT</translation>
        </message>
        <message>
            <source>chosen</source>
            <translation>elegida</translation>
        </message>
        <message>
            <source>rejected</source>
            <translation>rechazada</translation>
        </message>
        <message>
            <source>Preference accuracy</source>
            <translation>Exactitud de preferencia</translation>
        </message>
        <message>
            <source>No runs yet: train in one of the lab tabs, or open a run folder.</source>
            <translation>Aún no hay ejecuciones: entrena en una de las pestañas de laboratorio o abre una carpeta de ejecución.</translation>
        </message>
        <message>
            <source>tutor SFT</source>
            <translation>SFT del tutor</translation>
        </message>
        <message>
            <source>distillation</source>
            <translation>destilación</translation>
        </message>
        <message>
            <source>reward model</source>
            <translation>modelo de recompensa</translation>
        </message>
        <message>
            <source>DPO</source>
            <translation>DPO</translation>
        </message>
        <message>
            <source>constitution loop</source>
            <translation>bucle de constitución</translation>
        </message>
        <message>
            <source>shipped tutor</source>
            <translation>tutor incluido</translation>
        </message>
        <message>
            <source>base model</source>
            <translation>modelo base</translation>
        </message>
        <message>
            <source>finished</source>
            <translation>terminada</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>detenida</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>fallida</translation>
        </message>
        <message>
            <source>running</source>
            <translation>en curso</translation>
        </message>
        <message>
            <source>interrupted</source>
            <translation>interrumpida</translation>
        </message>
        <message>
            <source>The run did not end cleanly (its process was killed or crashed): the curves and files show how far it got.</source>
            <translation>La ejecución no terminó limpiamente (su proceso se cerró a la fuerza o falló): las curvas y los archivos muestran hasta dónde llegó.</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>pérdida</translation>
        </message>
        <message>
            <source>lr</source>
            <translation>tasa</translation>
        </message>
        <message>
            <source>epochs</source>
            <translation>épocas</translation>
        </message>
        <message>
            <source>steps</source>
            <translation>pasos</translation>
        </message>
        <message>
            <source>rank</source>
            <translation>rango</translation>
        </message>
        <message>
            <source>rounds</source>
            <translation>rondas</translation>
        </message>
        <message>
            <source>order</source>
            <translation>orden</translation>
        </message>
        <message>
            <source>limit</source>
            <translation>límite</translation>
        </message>
        <message>
            <source>without</source>
            <translation>sin</translation>
        </message>
        <message>
            <source>final loss</source>
            <translation>pérdida final</translation>
        </message>
        <message>
            <source>final preference loss</source>
            <translation>pérdida de preferencia final</translation>
        </message>
        <message>
            <source>held-out accuracy</source>
            <translation>exactitud en reservados</translation>
        </message>
        <message>
            <source>honest before</source>
            <translation>honestidad antes</translation>
        </message>
        <message>
            <source>honest after</source>
            <translation>honestidad después</translation>
        </message>
        <message>
            <source>replies revised</source>
            <translation>respuestas revisadas</translation>
        </message>
        <message>
            <source>prompts</source>
            <translation>prompts</translation>
        </message>
        <message>
            <source>training seconds</source>
            <translation>segundos de entrenamiento</translation>
        </message>
        <message>
            <source>seconds per step</source>
            <translation>segundos por paso</translation>
        </message>
        <message>
            <source>training pairs</source>
            <translation>pares de entrenamiento</translation>
        </message>
        <message>
            <source>held-out pairs</source>
            <translation>pares reservados</translation>
        </message>
        <message>
            <source>length baseline</source>
            <translation>referencia de longitud</translation>
        </message>
        <message>
            <source>baselines</source>
            <translation>referencias sin modelo</translation>
        </message>
        <message>
            <source>held-out sets</source>
            <translation>conjuntos reservados</translation>
        </message>
        <message>
            <source>held-out pairs scored</source>
            <translation>pares reservados puntuados</translation>
        </message>
        <message>
            <source>pairs_heldout (built like the training pairs)</source>
            <translation>pairs_heldout (hechos como los de entrenamiento)</translation>
        </message>
        <message>
            <source>pairs_sampled (the tutor's sampled replies)</source>
            <translation>pairs_sampled (respuestas muestreadas del tutor)</translation>
        </message>
        <message>
            <source>ranked right</source>
            <translation>ordenados bien</translation>
        </message>
        <message>
            <source>longer wins</source>
            <translation>gana la más larga</translation>
        </message>
        <message>
            <source>shorter wins</source>
            <translation>gana la más corta</translation>
        </message>
        <message>
            <source>phrase lookup</source>
            <translation>tabla de frases</translation>
        </message>
        <message>
            <source>eval before</source>
            <translation>evaluación antes</translation>
        </message>
        <message>
            <source>eval after</source>
            <translation>evaluación después</translation>
        </message>
        <message>
            <source>pair margins</source>
            <translation>márgenes de los pares</translation>
        </message>
        <message>
            <source>examples</source>
            <translation>ejemplos</translation>
        </message>
        <message>
            <source>from the cache</source>
            <translation>de la caché</translation>
        </message>
        <message>
            <source>revisions discarded</source>
            <translation>revisiones descartadas</translation>
        </message>
        <message>
            <source>prompts finished</source>
            <translation>prompts terminados</translation>
        </message>
        <message>
            <source>lab</source>
            <translation>laboratorio</translation>
        </message>
        <message>
            <source>rows</source>
            <translation>filas</translation>
        </message>
        <message>
            <source>revisions</source>
            <translation>revisiones</translation>
        </message>
        <message>
            <source>sentences</source>
            <translation>oraciones</translation>
        </message>
        <message>
            <source>with an error</source>
            <translation>con un error</translation>
        </message>
        <message>
            <source>correct</source>
            <translation>correctas</translation>
        </message>
        <message>
            <source>helpful</source>
            <translation>útil</translation>
        </message>
        <message>
            <source>honest</source>
            <translation>honesto</translation>
        </message>
        <message>
            <source>harmless</source>
            <translation>inofensivo</translation>
        </message>
        <message>
            <source>missed errors</source>
            <translation>errores no vistos</translation>
        </message>
        <message>
            <source>false alarms</source>
            <translation>falsas alarmas</translation>
        </message>
        <message>
            <source>helpful (count)</source>
            <translation>útil (número)</translation>
        </message>
        <message>
            <source>honest (count)</source>
            <translation>honesto (número)</translation>
        </message>
        <message>
            <source>harmless (count)</source>
            <translation>inofensivo (número)</translation>
        </message>
        <message>
            <source>missed errors (count)</source>
            <translation>errores no vistos (número)</translation>
        </message>
        <message>
            <source>false alarms (count)</source>
            <translation>falsas alarmas (número)</translation>
        </message>
        <message>
            <source>95% intervals</source>
            <translation>intervalos del 95 %</translation>
        </message>
        <message>
            <source>rate</source>
            <translation>tasa</translation>
        </message>
        <message>
            <source>count</source>
            <translation>número</translation>
        </message>
        <message>
            <source>low</source>
            <translation>inferior</translation>
        </message>
        <message>
            <source>high</source>
            <translation>superior</translation>
        </message>
        <message>
            <source>margin</source>
            <translation>margen</translation>
        </message>
        <message>
            <source>model</source>
            <translation>modelo</translation>
        </message>
        <message>
            <source>run folder</source>
            <translation>carpeta de la ejecución</translation>
        </message>
        <message>
            <source>max steps</source>
            <translation>pasos máximos</translation>
        </message>
        <message>
            <source>learning rate</source>
            <translation>tasa de aprendizaje</translation>
        </message>
        <message>
            <source>batch size</source>
            <translation>tamaño de lote</translation>
        </message>
        <message>
            <source>LoRA rank</source>
            <translation>rango LoRA</translation>
        </message>
        <message>
            <source>LoRA alpha</source>
            <translation>alfa LoRA</translation>
        </message>
        <message>
            <source>seed</source>
            <translation>semilla</translation>
        </message>
        <message>
            <source>log every (steps)</source>
            <translation>registrar cada (pasos)</translation>
        </message>
        <message>
            <source>bf16</source>
            <translation>bf16</translation>
        </message>
        <message>
            <source>checkpoint every (steps)</source>
            <translation>punto de control cada (pasos)</translation>
        </message>
        <message>
            <source>resume</source>
            <translation>reanudar</translation>
        </message>
        <message>
            <source>gradient checkpointing</source>
            <translation>checkpointing de gradientes</translation>
        </message>
        <message>
            <source>micro-batch</source>
            <translation>microlote</translation>
        </message>
        <message>
            <source>data</source>
            <translation>datos</translation>
        </message>
        <message>
            <source>adapter</source>
            <translation>adaptador</translation>
        </message>
        <message>
            <source>max length (tokens)</source>
            <translation>longitud máxima (tokens)</translation>
        </message>
        <message>
            <source>pairs</source>
            <translation>pares</translation>
        </message>
        <message>
            <source>held-out pairs file</source>
            <translation>archivo de pares reservados</translation>
        </message>
        <message>
            <source>second held-out pairs file</source>
            <translation>segundo archivo de pares reservados</translation>
        </message>
        <message>
            <source>held-out eval every (steps)</source>
            <translation>evaluación reservada cada (pasos)</translation>
        </message>
        <message>
            <source>engine</source>
            <translation>motor</translation>
        </message>
        <message>
            <source>beta (β)</source>
            <translation>beta (β)</translation>
        </message>
        <message>
            <source>SFT term weight</source>
            <translation>peso del término SFT</translation>
        </message>
        <message>
            <source>eval set</source>
            <translation>conjunto de evaluación</translation>
        </message>
        <message>
            <source>eval limit</source>
            <translation>límite de evaluación</translation>
        </message>
        <message>
            <source>trained layers</source>
            <translation>capas entrenadas</translation>
        </message>
        <message>
            <source>constitution</source>
            <translation>constitución</translation>
        </message>
        <message>
            <source>critic</source>
            <translation>crítico</translation>
        </message>
        <message>
            <source>reviser</source>
            <translation>revisor</translation>
        </message>
        <message>
            <source>max new tokens</source>
            <translation>tokens nuevos máximos</translation>
        </message>
        <message>
            <source>accepted only</source>
            <translation>solo aceptadas</translation>
        </message>
        <message>
            <source>annotator</source>
            <translation>anotador</translation>
        </message>
        <message>
            <source>judge</source>
            <translation>juez</translation>
        </message>
        <message>
            <source>method</source>
            <translation>método</translation>
        </message>
        <message>
            <source>principle</source>
            <translation>principio</translation>
        </message>
        <message>
            <source>principle text</source>
            <translation>texto del principio</translation>
        </message>
        <message>
            <source>held-out accuracy {accuracy}</source>
            <translation>exactitud en reservados {accuracy}</translation>
        </message>
        <message>
            <source>honest {before} → {after}</source>
            <translation>honestidad {before} → {after}</translation>
        </message>
        <message>
            <source>honest {before} before</source>
            <translation>honestidad {before} antes</translation>
        </message>
        <message>
            <source>{changed} of {prompts} replies revised</source>
            <translation>{changed} de {prompts} respuestas revisadas</translation>
        </message>
        <message>
            <source>final loss {loss:.3f}</source>
            <translation>pérdida final {loss:.3f}</translation>
        </message>
        <message>
            <source>final preference loss {loss:.3f}</source>
            <translation>pérdida de preferencia final {loss:.3f}</translation>
        </message>
        <message>
            <source>1 step</source>
            <translation>1 paso</translation>
        </message>
        <message>
            <source>{steps} steps</source>
            <translation>{steps} pasos</translation>
        </message>
        <message>
            <source>{n} runs selected: Compare overlays their curves.</source>
            <translation>{n} ejecuciones seleccionadas: Comparar superpone sus curvas.</translation>
        </message>
        <message>
            <source>Only runs of one lab can be compared.</source>
            <translation>Solo se pueden comparar ejecuciones de un mismo laboratorio.</translation>
        </message>
        <message>
            <source>1 run</source>
            <translation>1 ejecución</translation>
        </message>
        <message>
            <source>{n} runs</source>
            <translation>{n} ejecuciones</translation>
        </message>
        <message>
            <source>No curves: the run logged no training metrics.</source>
            <translation>Sin curvas: la ejecución no registró métricas de entrenamiento.</translation>
        </message>
        <message>
            <source>Select two or more runs of the same lab to compare.</source>
            <translation>Selecciona dos o más ejecuciones del mismo laboratorio para compararlas.</translation>
        </message>
        <message>
            <source>solid: {solid} · dashed: {dashed}</source>
            <translation>continua: {solid} · discontinua: {dashed}</translation>
        </message>
        <message>
            <source>Overlay of {n} runs ({kinds}): each colour is one run, plotted by optimizer step on the same axes; the legend names the settings in which they differ.</source>
            <translation>Superposición de {n} ejecuciones ({kinds}): cada color es una ejecución, por paso del optimizador en los mismos ejes; la leyenda nombra los ajustes en que difieren.</translation>
        </message>
        <message>
            <source>final losses from {low:.3g} to {high:.3g}</source>
            <translation>pérdidas finales de {low:.3g} a {high:.3g}</translation>
        </message>
        <message>
            <source>⚠ These runs are of different kinds ({kinds}): their losses are measured on different data ({spread}), so compare the shapes of the curves, not their heights.</source>
            <translation>⚠ Estas ejecuciones son de tipos distintos ({kinds}): sus pérdidas se miden sobre datos distintos ({spread}), así que compara la forma de las curvas, no su altura.</translation>
        </message>
        <message>
            <source>⚠ These runs are of different kinds ({kinds}): their losses are measured on different data, so compare the shapes of the curves, not their heights.</source>
            <translation>⚠ Estas ejecuciones son de tipos distintos ({kinds}): sus pérdidas se miden sobre datos distintos, así que compara la forma de las curvas, no su altura.</translation>
        </message>
        <message>
            <source>⚠ Their losses are on different scales ({spread}): compare the shapes of the curves, not their heights.</source>
            <translation>⚠ Sus pérdidas están en escalas distintas ({spread}): compara la forma de las curvas, no su altura.</translation>
        </message>
        <message>
            <source>Implicit rewards</source>
            <translation>Recompensas implícitas</translation>
        </message>
        <message>
            <source>solid: {solid} · dashed: {dashed} · dotted: {dotted}</source>
            <translation>continua: {solid} · discontinua: {dashed} · punteada: {dotted}</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Ejecución</translation>
        </message>
        <message>
            <source>folder</source>
            <translation>carpeta</translation>
        </message>
        <message>
            <source>kind</source>
            <translation>tipo</translation>
        </message>
        <message>
            <source>started from</source>
            <translation>partió de</translation>
        </message>
        <message>
            <source>status</source>
            <translation>estado</translation>
        </message>
        <message>
            <source>error</source>
            <translation>error</translation>
        </message>
        <message>
            <source>log</source>
            <translation>registro</translation>
        </message>
        <message>
            <source>why interrupted</source>
            <translation>motivo de la interrupción</translation>
        </message>
        <message>
            <source>Summary</source>
            <translation>Resumen</translation>
        </message>
        <message>
            <source>metrics.jsonl ends in a half-written line</source>
            <translation>metrics.jsonl termina en una línea a medio escribir</translation>
        </message>
        <message>
            <source>its process (pid {pid}) ended while the run was going</source>
            <translation>su proceso (pid {pid}) terminó mientras la ejecución seguía en marcha</translation>
        </message>
        <message>
            <source>no summary.json</source>
            <translation>falta summary.json</translation>
        </message>
        <message>
            <source>status.json is missing or unreadable</source>
            <translation>status.json falta o no se puede leer</translation>
        </message>
        <message>
            <source>settings</source>
            <translation>ajustes</translation>
        </message>
        <message>
            <source>{n} items</source>
            <translation>{n} elementos</translation>
        </message>
        <message>
            <source>Open a run folder</source>
            <translation>Abrir una carpeta de ejecución</translation>
        </message>
        <message>
            <source>Not a run folder</source>
            <translation>No es una carpeta de ejecución</translation>
        </message>
        <message>
            <source>{folder} holds none of config.json, status.json, summary.json or metrics.jsonl.</source>
            <translation>{folder} no contiene ninguno de config.json, status.json, summary.json ni metrics.jsonl.</translation>
        </message>
        <message>
            <source>Export metrics as CSV</source>
            <translation>Exportar métricas como CSV</translation>
        </message>
        <message>
            <source>CSV table (*.csv)</source>
            <translation>Tabla CSV (*.csv)</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>La exportación falló</translation>
        </message>
        <message>
            <source>{n} metric rows saved to {file}</source>
            <translation>{n} filas de métricas guardadas en {file}</translation>
        </message>
        <message>
            <source>Delete runs</source>
            <translation>Eliminar ejecuciones</translation>
        </message>
        <message>
            <source>Delete {n} run folder(s)? This cannot be undone.</source>
            <translation>¿Eliminar {n} carpeta(s) de ejecución? No se puede deshacer.</translation>
        </message>
        <message>
            <source>Some runs were not deleted</source>
            <translation>Algunas ejecuciones no se eliminaron</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>Ajustes</translation>
        </message>
        <message>
            <source>System default ({language})</source>
            <translation>Idioma del sistema ({language})</translation>
        </message>
        <message>
            <source>The language of the interface and of the lab guides</source>
            <translation>El idioma de la interfaz y de las guías de los laboratorios</translation>
        </message>
        <message>
            <source>Embedded SmolLM2-135M-Instruct</source>
            <translation>SmolLM2-135M-Instruct integrado</translation>
        </message>
        <message>
            <source>Tiny test model (random weights)</source>
            <translation>Modelo de prueba diminuto (pesos aleatorios)</translation>
        </message>
        <message>
            <source>Folder…</source>
            <translation>Carpeta…</translation>
        </message>
        <message>
            <source>The model every lab uses; the app opens with it next time too</source>
            <translation>El modelo que usan todos los laboratorios; la aplicación también se abrirá con él la próxima vez</translation>
        </message>
        <message>
            <source>The name your labels are stored under in the Label tab (empty: your login name)</source>
            <translation>El nombre con el que se guardan tus etiquetas en la pestaña Etiquetar (vacío: tu nombre de usuario)</translation>
        </message>
        <message>
            <source>Runs, the preference store and the model cache live here. Choose another one with --workspace DIR or $PREFLAB_HOME.</source>
            <translation>Aquí se guardan las ejecuciones, el almacén de preferencias y la caché de modelos. Elige otra carpeta con --workspace DIR o $PREFLAB_HOME.</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <source>Default model</source>
            <translation>Modelo predeterminado</translation>
        </message>
        <message>
            <source>Annotator name</source>
            <translation>Nombre del anotador</translation>
        </message>
        <message>
            <source>Data dir</source>
            <translation>Carpeta de datos</translation>
        </message>
        <message>
            <source>Changing the language rebuilds the tabs; while a job is running, it waits until the job ends.</source>
            <translation>Al cambiar el idioma se reconstruyen las pestañas; si hay un trabajo en marcha, el cambio espera a que termine.</translation>
        </message>
        <message>
            <source>Folder: {name}</source>
            <translation>Carpeta: {name}</translation>
        </message>
        <message>
            <source>Choose a Hugging Face model folder</source>
            <translation>Elige una carpeta de modelo de Hugging Face</translation>
        </message>
        <message>
            <source>Not a usable model folder</source>
            <translation>No es una carpeta de modelo utilizable</translation>
        </message>
    </context>
    <context>
        <name>TryIt</name>
        <message>
            <source>Red-team</source>
            <translation>Red team</translation>
        </message>
        <message>
            <source>Invented error</source>
            <translation>Error inventado</translation>
        </message>
        <message>
            <source>empty</source>
            <translation>vacía</translation>
        </message>
        <message>
            <source>it copies the revision request</source>
            <translation>copia la petición de revisión</translation>
        </message>
        <message>
            <source>no 'Checked:' line</source>
            <translation>no tiene línea 'Checked:'</translation>
        </message>
        <message>
            <source>its 'Checked:' line is not the learner's sentence</source>
            <translation>su línea 'Checked:' no es la oración del alumno</translation>
        </message>
        <message>
            <source>no verdict after the 'Checked:' line</source>
            <translation>no hay veredicto tras la línea 'Checked:'</translation>
        </message>
        <message>
            <source>it calls the sentence already correct, but its 'Checked:' line changes it</source>
            <translation>dice que la oración ya es correcta, pero su línea 'Checked:' la cambia</translation>
        </message>
    </context>
    <context>
        <name>TryItPanel</name>
        <message>
            <source>Your own reply (type it below)</source>
            <translation>Tu propia respuesta (escríbela abajo)</translation>
        </message>
        <message>
            <source>What the learner wrote to the tutor</source>
            <translation>Lo que el alumno escribió al tutor</translation>
        </message>
        <message>
            <source>The tutor's reply that the principle critiques and revises</source>
            <translation>La respuesta del tutor que el principio critica y revisa</translation>
        </message>
        <message>
            <source>Sample</source>
            <translation>Ejemplo</translation>
        </message>
        <message>
            <source>Learner</source>
            <translation>Alumno</translation>
        </message>
        <message>
            <source>Reply</source>
            <translation>Respuesta</translation>
        </message>
        <message>
            <source>Try it</source>
            <translation>Probar</translation>
        </message>
        <message>
            <source>Critique and revise this reply with the selected principle as typed (Ctrl+Return)</source>
            <translation>Criticar y revisar esta respuesta con el principio seleccionado tal como está escrito (Ctrl+Intro)</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Detener</translation>
        </message>
        <message>
            <source>The first try loads the model (a few seconds); it then stays loaded.</source>
            <translation>La primera prueba carga el modelo (unos segundos); después sigue cargado.</translation>
        </message>
        <message>
            <source>The critique appears here.</source>
            <translation>La crítica aparece aquí.</translation>
        </message>
        <message>
            <source>The revision appears here.</source>
            <translation>La revisión aparece aquí.</translation>
        </message>
        <message>
            <source>What the revision changed in the reply, word by word.</source>
            <translation>Lo que la revisión cambió en la respuesta, palabra por palabra.</translation>
        </message>
        <message>
            <source>Critique</source>
            <translation>Crítica</translation>
        </message>
        <message>
            <source>Revision</source>
            <translation>Revisión</translation>
        </message>
        <message>
            <source>Reply → revision</source>
            <translation>Respuesta → revisión</translation>
        </message>
        <message>
            <source>The reply to try the principle on</source>
            <translation>La respuesta con la que probar el principio</translation>
        </message>
        <message>
            <source>What the principle does to it</source>
            <translation>Lo que el principio hace con ella</translation>
        </message>
        <message>
            <source>Principle: &lt;b&gt;{name}&lt;/b&gt; (as typed in the editor, saved or not)</source>
            <translation>Principio: &lt;b&gt;{name}&lt;/b&gt; (tal como está escrito en el editor, guardado o no)</translation>
        </message>
        <message>
            <source>Select a principle in the editor.</source>
            <translation>Selecciona un principio en el editor.</translation>
        </message>
        <message>
            <source>Type the learner's message and a reply first.</source>
            <translation>Escribe primero el mensaje del alumno y una respuesta.</translation>
        </message>
        <message>
            <source>Critiquing…</source>
            <translation>Criticando…</translation>
        </message>
        <message>
            <source>stopping…</source>
            <translation>deteniendo…</translation>
        </message>
        <message>
            <source>Loading the model: {phase}…</source>
            <translation>Cargando el modelo: {phase}…</translation>
        </message>
        <message>
            <source>Revising…</source>
            <translation>Revisando…</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>detenido</translation>
        </message>
        <message>
            <source>failed: {message}</source>
            <translation>falló: {message}</translation>
        </message>
        <message>
            <source>reply</source>
            <translation>respuesta</translation>
        </message>
        <message>
            <source>revision</source>
            <translation>revisión</translation>
        </message>
        <message>
            <source>&lt;span style='color:{bad}'&gt;The loop would drop this revision&lt;/span&gt; ({reason}): the reply would stay as it was.</source>
            <translation>&lt;span style='color:{bad}'&gt;El bucle descartaría esta revisión&lt;/span&gt; ({reason}): la respuesta se quedaría como estaba.</translation>
        </message>
        <message>
            <source>The revision is the reply unchanged: by this principle there was nothing to fix.</source>
            <translation>La revisión es la respuesta sin cambios: según este principio no había nada que arreglar.</translation>
        </message>
        <message>
            <source>&lt;span style='color:{good}'&gt;The loop would use this revision&lt;/span&gt; in place of the reply.</source>
            <translation>&lt;span style='color:{good}'&gt;El bucle usaría esta revisión&lt;/span&gt; en lugar de la respuesta.</translation>
        </message>
        <message>
            <source> (+{s:.1f} s to load the model)</source>
            <translation> (+{s:.1f} s para cargar el modelo)</translation>
        </message>
        <message>
            <source>“{name}”: critique and revision in {s:.1f} s{loaded}</source>
            <translation>«{name}»: crítica y revisión en {s:.1f} s{loaded}</translation>
        </message>
    </context>
    <context>
        <name>TutorTab</name>
        <message>
            <source>Learning rate</source>
            <translation>Tasa de aprendizaje</translation>
        </message>
        <message>
            <source>LoRA rank</source>
            <translation>Rango de LoRA</translation>
        </message>
        <message>
            <source>Epochs</source>
            <translation>Épocas</translation>
        </message>
        <message>
            <source>Batch size</source>
            <translation>Tamaño de lote</translation>
        </message>
        <message>
            <source>Run folder</source>
            <translation>Carpeta de la ejecución</translation>
        </message>
        <message>
            <source>Folder…</source>
            <translation>Carpeta…</translation>
        </message>
        <message>
            <source>(empty reply: the model produced only whitespace)</source>
            <translation>(respuesta vacía: el modelo solo produjo espacios en blanco)</translation>
        </message>
        <message>
            <source>Embedded SmolLM2-135M-Instruct</source>
            <translation>SmolLM2-135M-Instruct integrado</translation>
        </message>
        <message>
            <source>Tiny test model (random weights)</source>
            <translation>Modelo de prueba diminuto (pesos aleatorios)</translation>
        </message>
        <message>
            <source>Shipped tutor</source>
            <translation>Tutor incluido</translation>
        </message>
        <message>
            <source>Base model (no adapter)</source>
            <translation>Modelo base (sin adaptador)</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Modelo</translation>
        </message>
        <message>
            <source>Adapter</source>
            <translation>Adaptador</translation>
        </message>
        <message>
            <source>Ask the tutor</source>
            <translation>Preguntar al tutor</translation>
        </message>
        <message>
            <source>The tutor's reply appears here.</source>
            <translation>La respuesta del tutor aparece aquí.</translation>
        </message>
        <message>
            <source>A positive number, e.g. 2e-4 or 0.0002</source>
            <translation>Un número positivo, p. ej. 2e-4 o 0.0002</translation>
        </message>
        <message>
            <source>LoRA alpha is set to 2 × rank</source>
            <translation>El alfa de LoRA se fija en 2 × rango</translation>
        </message>
        <message>
            <source>all</source>
            <translation>todos</translation>
        </message>
        <message>
            <source>Stop after this many optimizer steps (0 = run every epoch)</source>
            <translation>Parar tras este número de pasos del optimizador (0 = completar todas las épocas)</translation>
        </message>
        <message>
            <source>Start training</source>
            <translation>Iniciar entrenamiento</translation>
        </message>
        <message>
            <source>Max steps</source>
            <translation>Pasos máx.</translation>
        </message>
        <message>
            <source>Evaluate base vs tutor</source>
            <translation>Evaluar base frente a tutor</translation>
        </message>
        <message>
            <source>Try the tutor</source>
            <translation>Prueba el tutor</translation>
        </message>
        <message>
            <source>Train the tutor (SFT)</source>
            <translation>Entrena el tutor (SFT)</translation>
        </message>
        <message>
            <source>Evaluate</source>
            <translation>Evaluar</translation>
        </message>
        <message>
            <source>Training loss</source>
            <translation>Pérdida de entrenamiento</translation>
        </message>
        <message>
            <source>Cross-entropy on the tutor's reply tokens: it should fall quickly, then flatten.</source>
            <translation>Entropía cruzada sobre los tokens de la respuesta del tutor: debería bajar rápido y luego estabilizarse.</translation>
        </message>
        <message>
            <source>loss</source>
            <translation>pérdida</translation>
        </message>
        <message>
            <source>Base model vs tutor</source>
            <translation>Modelo base frente a tutor</translation>
        </message>
        <message>
            <source>Folder: {name}</source>
            <translation>Carpeta: {name}</translation>
        </message>
        <message>
            <source>Choose a Hugging Face model folder</source>
            <translation>Elige una carpeta de modelo de Hugging Face</translation>
        </message>
        <message>
            <source>Not a usable model folder</source>
            <translation>No es una carpeta de modelo utilizable</translation>
        </message>
        <message>
            <source>A job is already running in this tab.</source>
            <translation>Ya hay un trabajo en marcha en esta pestaña.</translation>
        </message>
        <message>
            <source>⚠ Harmful ({reasons}): the red-team eval would count this reply as harmful.</source>
            <translation>⚠ Dañina ({reasons}): la evaluación red-team contaría esta respuesta como dañina.</translation>
        </message>
        <message>
            <source>loading model…</source>
            <translation>cargando el modelo…</translation>
        </message>
        <message>
            <source>Learning rate: “{text}” is not a number (try 2e-4)</source>
            <translation>Tasa de aprendizaje: «{text}» no es un número (prueba 2e-4)</translation>
        </message>
        <message>
            <source>Helpful</source>
            <translation>Útil</translation>
        </message>
        <message>
            <source>Sentences with an error whose correction is right</source>
            <translation>Oraciones con un error cuya corrección es la correcta</translation>
        </message>
        <message>
            <source>Honest</source>
            <translation>Honesto</translation>
        </message>
        <message>
            <source>Correct sentences the tutor called already correct</source>
            <translation>Oraciones correctas que el tutor dio por correctas</translation>
        </message>
        <message>
            <source>Missed</source>
            <translation>Omitidos</translation>
        </message>
        <message>
            <source>Sentences with an error the tutor called correct</source>
            <translation>Oraciones con un error que el tutor dio por correctas</translation>
        </message>
        <message>
            <source>Harmless</source>
            <translation>Inofensivo</translation>
        </message>
        <message>
            <source>Red-team prompts (asking for insults or boasts) answered without harm</source>
            <translation>Peticiones de red-team (que piden insultos o alardes) respondidas sin daño</translation>
        </message>
        <message>
            <source>Dev set (data/eval.jsonl)</source>
            <translation>Conjunto de desarrollo (data/eval.jsonl)</translation>
        </message>
        <message>
            <source>Test set (locked: data/test.jsonl)</source>
            <translation>Conjunto de prueba (bloqueado: data/test.jsonl)</translation>
        </message>
        <message>
            <source>Dev and test, side by side</source>
            <translation>Desarrollo y prueba, lado a lado</translation>
        </message>
        <message>
            <source>Tutor SFT</source>
            <translation>SFT del tutor</translation>
        </message>
        <message>
            <source>Distillation</source>
            <translation>Destilación</translation>
        </message>
        <message>
            <source>DPO</source>
            <translation>DPO</translation>
        </message>
        <message>
            <source>The tutor to ask and evaluate: the shipped one, the base model, or the tutor of any finished SFT, distillation or DPO run</source>
            <translation>El tutor al que preguntar y evaluar: el incluido, el modelo base o el tutor de cualquier ejecución terminada de SFT, destilación o DPO</translation>
        </message>
        <message>
            <source>Tune on the dev set; the test set is locked: nothing was tuned on it</source>
            <translation>Ajusta con el conjunto de desarrollo; el de prueba está bloqueado: nada se ajustó con él</translation>
        </message>
        <message>
            <source>Quick</source>
            <translation>Rápida</translation>
        </message>
        <message>
            <source>Only the first {n} sentences (and red-team prompts) of each set</source>
            <translation>Solo las primeras {n} oraciones (y peticiones de red-team) de cada conjunto</translation>
        </message>
        <message>
            <source>{kind}: {name}</source>
            <translation>{kind}: {name}</translation>
        </message>
        <message>
            <source>(stopped)</source>
            <translation>(detenida)</translation>
        </message>
        <message>
            <source>shipped tutor</source>
            <translation>tutor incluido</translation>
        </message>
        <message>
            <source>asking the tutor…</source>
            <translation>preguntando al tutor…</translation>
        </message>
        <message>
            <source>The tutor did not answer</source>
            <translation>El tutor no respondió</translation>
        </message>
        <message>
            <source>⚠ Invented error: its “correction” leaves your sentence as it was, yet it explains an error. The classic failure of a tutor trained only by imitation (SFT).</source>
            <translation>⚠ Error inventado: su «corrección» deja tu oración tal como estaba y, aun así, explica un error. El fallo clásico de un tutor entrenado solo por imitación (SFT).</translation>
        </message>
        <message>
            <source>reply in {seconds:.1f} s (model loaded in {load:.1f} s, kept for the next question)</source>
            <translation>respuesta en {seconds:.1f} s (modelo cargado en {load:.1f} s, se mantiene para la siguiente pregunta)</translation>
        </message>
        <message>
            <source>reply in {seconds:.1f} s</source>
            <translation>respuesta en {seconds:.1f} s</translation>
        </message>
        <message>
            <source>Check the training settings</source>
            <translation>Revisa los ajustes de entrenamiento</translation>
        </message>
        <message>
            <source>Base
dev</source>
            <translation>Base
desarrollo</translation>
        </message>
        <message>
            <source>Tutor
dev</source>
            <translation>Tutor
desarrollo</translation>
        </message>
        <message>
            <source>Base
test
(locked)</source>
            <translation>Base
prueba
(bloqueada)</translation>
        </message>
        <message>
            <source>Tutor
test
(locked)</source>
            <translation>Tutor
prueba
(bloqueada)</translation>
        </message>
        <message>
            <source>(measured before)</source>
            <translation>(medido antes)</translation>
        </message>
        <message>
            <source>stopping…</source>
            <translation>deteniendo…</translation>
        </message>
        <message>
            <source>SFT run saved in {path}: pick it as the Adapter to ask it</source>
            <translation>Ejecución de SFT guardada en {path}: elígela como Adaptador para preguntarle</translation>
        </message>
        <message>
            <source>1 step</source>
            <translation>1 paso</translation>
        </message>
        <message>
            <source>evaluated {n} sentences per model</source>
            <translation>{n} oraciones evaluadas por modelo</translation>
        </message>
        <message>
            <source>Base model vs tutor ({name})</source>
            <translation>Modelo base frente a tutor ({name})</translation>
        </message>
        <message>
            <source>{k} of {n}; 95% interval (Wilson): {low:.0f}–{high:.0f}%</source>
            <translation>{k} de {n}; intervalo del 95 % (Wilson): {low:.0f}–{high:.0f} %</translation>
        </message>
        <message>
            <source>Each cell: rate [95% interval] and count. Tune on dev; the test set is locked: nothing was tuned on it.</source>
            <translation>Cada celda: tasa [intervalo del 95 %] y recuento. Ajusta con desarrollo; el conjunto de prueba está bloqueado: nada se ajustó con él.</translation>
        </message>
        <message>
            <source>{set}: {wrong} wrong / {correct} correct, {prompts} red-team.</source>
            <translation>{set}: {wrong} con error / {correct} correctas, {prompts} de red-team.</translation>
        </message>
        <message>
            <source>Dev</source>
            <translation>Desarrollo</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Prueba</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>detenido</translation>
        </message>
        <message>
            <source>failed: {message}</source>
            <translation>falló: {message}</translation>
        </message>
        <message>
            <source>The job failed</source>
            <translation>El trabajo falló</translation>
        </message>
        <message>
            <source>Verdict: correction → &lt;b&gt;{correction}&lt;/b&gt;</source>
            <translation>Veredicto: corrección → &lt;b&gt;{correction}&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Verdict: the tutor says the sentence is &lt;b&gt;already correct&lt;/b&gt;.</source>
            <translation>Veredicto: el tutor dice que la oración &lt;b&gt;ya es correcta&lt;/b&gt;.</translation>
        </message>
        <message>
            <source>Verdict: &lt;i&gt;no verdict found&lt;/i&gt; (no “Checked:” line and no “already correct”).</source>
            <translation>Veredicto: &lt;i&gt;no se encontró ningún veredicto&lt;/i&gt; (ni una línea «Checked:» ni «already correct»).</translation>
        </message>
        <message>
            <source>base model, no adapter</source>
            <translation>modelo base, sin adaptador</translation>
        </message>
        <message>
            <source>{n} steps</source>
            <translation>{n} pasos</translation>
        </message>
        <message>
            <source>{seconds:.2f} s/step</source>
            <translation>{seconds:.2f} s/paso</translation>
        </message>
        <message>
            <source>final loss {loss:.3f}</source>
            <translation>pérdida final {loss:.3f}</translation>
        </message>
    </context>
    <context>
        <name>VersionsDialog</name>
        <message>
            <source>Constitution versions</source>
            <translation>Versiones de la constitución</translation>
        </message>
        <message>
            <source>Pick a version to see how it differs from the editor.</source>
            <translation>Elige una versión para ver en qué difiere del editor.</translation>
        </message>
        <message>
            <source>Restore this version</source>
            <translation>Restaurar esta versión</translation>
        </message>
        <message>
            <source>Every save keeps the previous file as a version. The diff shows the principles that differ, field by field: red and struck as in the version, green as in the editor now.</source>
            <translation>Cada vez que guardas, el archivo anterior se conserva como versión. La comparación muestra los principios que difieren, campo por campo: en rojo y tachado como en la versión, en verde como en el editor ahora.</translation>
        </message>
        <message>
            <source>No versions yet: save the constitution to keep one.</source>
            <translation>Aún no hay versiones: guarda la constitución para conservar una.</translation>
        </message>
        <message>
            <source>editor</source>
            <translation>editor</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>Enabled</source>
            <translation>Activo</translation>
        </message>
        <message>
            <source>Critique request</source>
            <translation>Petición de crítica</translation>
        </message>
        <message>
            <source>Revision request</source>
            <translation>Petición de revisión</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>sí</translation>
        </message>
        <message>
            <source>no</source>
            <translation>no</translation>
        </message>
        <message>
            <source>Constitution name</source>
            <translation>Nombre de la constitución</translation>
        </message>
        <message>
            <source>Order</source>
            <translation>Orden</translation>
        </message>
        <message>
            <source>only in the version (deleted since)</source>
            <translation>solo en la versión (eliminado después)</translation>
        </message>
        <message>
            <source>only in the editor (added since)</source>
            <translation>solo en el editor (añadido después)</translation>
        </message>
        <message>
            <source>The principles are the same (only comments or spacing differ).</source>
            <translation>Los principios son los mismos (solo difieren comentarios o espacios).</translation>
        </message>
    </context>
</TS>
