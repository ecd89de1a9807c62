<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Wheel: zoom · drag: pan · double-click: follow the data again</source>
        <translation>Mausrad: zoomen · Ziehen: verschieben · Doppelklick: wieder den Daten folgen</translation>
    </message>
    <message>
        <source>Export plot (PNG, SVG, PDF)…</source>
        <translation>Diagramm exportieren (PNG, SVG, PDF)…</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>Nicht exportiert</translation>
    </message>
    <message>
        <source>%1: cannot be written (use .png, .svg or .pdf)</source>
        <translation>%1: kann nicht geschrieben werden (.png, .svg oder .pdf verwenden)</translation>
    </message>
</context>
<context>
    <name>mlwb::AccuracyPlot</name>
    <message>
        <source>Accuracy per window</source>
        <translation>Genauigkeit pro Fenster</translation>
    </message>
    <message>
        <source>window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Estimated: the share of the window&apos;s samples above the confidence threshold that gives the reference its accuracy (ATC), no labels needed. Real: over the samples labeled so far. Click a point to show its window</source>
        <translation>Geschätzt: der Anteil der Bilder des Fensters über der Konfidenzschwelle, die für die Referenz deren Genauigkeit ergibt (ATC), ohne Labels. Echt: über die bisher beschrifteten Bilder. Einen Punkt anklicken, um sein Fenster zu zeigen</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>estimated (ATC)</source>
        <translation>geschätzt (ATC)</translation>
    </message>
    <message>
        <source>real (labeled)</source>
        <translation>echt (beschriftet)</translation>
    </message>
</context>
<context>
    <name>mlwb::AlertIndicator</name>
    <message>
        <source>The monitor found drift in the production samples: open the Monitor page to see and acknowledge the alerts (Ctrl+7)</source>
        <translation>Die Überwachung hat Drift in den Produktionsbildern gefunden: die Seite „Überwachen“ öffnen, um die Warnungen zu sehen und zu bestätigen (Strg+7)</translation>
    </message>
    <message>
        <source>⚠ 1 alert</source>
        <translation>⚠ 1 Warnung</translation>
    </message>
    <message>
        <source>⚠ %1 alerts</source>
        <translation>⚠ %1 Warnungen</translation>
    </message>
</context>
<context>
    <name>mlwb::AlertTableModel</name>
    <message>
        <source>samples %1–%2</source>
        <translation>Bilder %1–%2</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>jemand</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>%1: p = %2 &lt; %3 in the %4 samples of model %5 from %6, against %7.
%8
Enter or a double-click opens these samples in the Label page&apos;s queue, most drifting first.</source>
        <translation>%1: p = %2 &lt; %3 in den %4 Bildern von Modell %5 aus %6, verglichen mit %7.
%8
Enter oder ein Doppelklick öffnet diese Bilder in der Warteschlange der Seite „Beschriften“, am stärksten driftende zuerst.</translation>
    </message>
    <message>
        <source>Statistic</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>p-value</source>
        <translation>p-Wert</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Ausgelöst</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Bestätigt</translation>
    </message>
</context>
<context>
    <name>mlwb::ApiSwitch</name>
    <message>
        <source>Serve the production model over HTTP on this computer (POST /v1/predict; see the README)</source>
        <translation>Das Produktionsmodell auf diesem Rechner über HTTP bereitstellen (POST /v1/predict; siehe README)</translation>
    </message>
    <message>
        <source>The API is not served</source>
        <translation>Die API wird nicht bereitgestellt</translation>
    </message>
    <message>
        <source>API: %1 · %2 answered</source>
        <translation>API: %1 · %2 beantwortet</translation>
    </message>
    <message>
        <source>API: off</source>
        <translation>API: aus</translation>
    </message>
</context>
<context>
    <name>mlwb::AugmentPanel</name>
    <message>
        <source>°</source>
        <translation>°</translation>
    </message>
    <message>
        <source>± </source>
        <translation>± </translation>
    </message>
    <message>
        <source>&amp;Rotation:</source>
        <translation>&amp;Rotation:</translation>
    </message>
    <message>
        <source>Crop &amp;probability:</source>
        <translation>&amp;Zuschnitt-Wahrscheinlichkeit:</translation>
    </message>
    <message>
        <source>Smallest crop &amp;side:</source>
        <translation>&amp;Kleinste Zuschnittseite:</translation>
    </message>
    <message>
        <source>&amp;Noise σ:</source>
        <translation>Ra&amp;uschen σ:</translation>
    </message>
    <message>
        <source>S&amp;huffle</source>
        <translation>&amp;Mischen</translation>
    </message>
    <message>
        <source>Draw other images (Ctrl+R)</source>
        <translation>Andere Bilder ziehen (Strg+R)</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Augmentierung</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Augmented</source>
        <translation>Augmentiert</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Select a data set version to preview the augmentation.</source>
        <translation>Datensatzversion wählen, um die Augmentierung in der Vorschau zu sehen.</translation>
    </message>
    <message>
        <source>Augmenting…</source>
        <translation>Wird augmentiert…</translation>
    </message>
    <message>
        <source>Augmentation failed: %1</source>
        <translation>Augmentierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Images #%1</source>
        <translation>Bilder #%1</translation>
    </message>
</context>
<context>
    <name>mlwb::AutoTuneDialog</name>
    <message>
        <source>&amp;Start search</source>
        <translation>Suche &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>Sto&amp;ppen</translation>
    </message>
    <message>
        <source>&amp;Promote the best</source>
        <translation>Bestes Modell &amp;übernehmen</translation>
    </message>
    <message>
        <source>Auto-tune model %1</source>
        <translation>Auto-Tuning für Modell %1</translation>
    </message>
    <message>
        <source>Random combinations</source>
        <translation>Zufällige Kombinationen</translation>
    </message>
    <message>
        <source>Grid, in order</source>
        <translation>Raster, der Reihe nach</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Goal: macro-F1 at least</source>
        <translation>Ziel: Makro-F1 mindestens</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Höchstens</translation>
    </message>
    <message>
        <source>Time budget</source>
        <translation>Zeitbudget</translation>
    </message>
    <message>
        <source>Learning rates</source>
        <translation>Lernraten</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>Batch sizes</source>
        <translation>Batchgrößen</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source> trials</source>
        <translation> Versuche</translation>
    </message>
    <message>
        <source>Trial</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Macro-F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Model %1 (%2) reached macro-F1 %3. The search trains its settings with other values, one trial at a time as queued runs, and stops at the first model that passes the gates.</source>
        <translation>Modell %1 (%2) hat Makro-F1 %3 erreicht. Die Suche trainiert seine Einstellungen mit anderen Werten, einen Versuch nach dem anderen als Läufe in der Warteschlange, und endet beim ersten Modell, das die Schwellen erfüllt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number</source>
        <translation>„%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>Every combination of these values was trained already.</source>
        <translation>Jede Kombination dieser Werte wurde bereits trainiert.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>training…</source>
        <translation>wird trainiert…</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>passes the gates</source>
        <translation>erfüllt die Schwellen</translation>
    </message>
    <message>
        <source>below: %1</source>
        <translation>verfehlt: %1</translation>
    </message>
    <message>
        <source>Trial %1 of at most %2 is training (see the Train page for its curves)…</source>
        <translation>Versuch %1 von höchstens %2 wird trainiert (Kurven auf der Seite „Trainieren“)…</translation>
    </message>
    <message>
        <source>a trial passed the gates</source>
        <translation>ein Versuch hat die Schwellen erfüllt</translation>
    </message>
    <message>
        <source>the trial budget is used up</source>
        <translation>das Versuchsbudget ist aufgebraucht</translation>
    </message>
    <message>
        <source>the time budget is used up</source>
        <translation>das Zeitbudget ist aufgebraucht</translation>
    </message>
    <message>
        <source>every combination was tried</source>
        <translation>alle Kombinationen wurden ausprobiert</translation>
    </message>
    <message>
        <source>it was stopped</source>
        <translation>sie wurde gestoppt</translation>
    </message>
    <message>
        <source>it failed</source>
        <translation>sie ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>The search ended: %1.</source>
        <translation>Die Suche ist beendet: %1.</translation>
    </message>
    <message>
        <source>Best: trial %1, model %2, macro-F1 %3%4.</source>
        <translation>Bestes Ergebnis: Versuch %1, Modell %2, Makro-F1 %3%4.</translation>
    </message>
    <message>
        <source> — passes the gates</source>
        <translation> — erfüllt die Schwellen</translation>
    </message>
    <message>
        <source> — still below the gates</source>
        <translation> — noch unter den Schwellen</translation>
    </message>
</context>
<context>
    <name>mlwb::AutoTuneJob</name>
    <message>
        <source>Auto-tune %1</source>
        <translation>Auto-Tuning für %1</translation>
    </message>
    <message>
        <source>auto-tune: the time budget must be 0 (none) or more minutes, got %1</source>
        <translation>Auto-Tuning: Das Zeitbudget muss 0 (keins) oder mehr Minuten betragen, erhalten: %1</translation>
    </message>
    <message>
        <source>auto-tune: the minimum macro-F1 must be in [0, 1], got %1</source>
        <translation>Auto-Tuning: Das minimale Makro-F1 muss in [0, 1] liegen, erhalten: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>queue entry %1 was removed before it ran</source>
        <translation>Warteschlangeneintrag %1 wurde entfernt, bevor er lief</translation>
    </message>
    <message>
        <source>queue entry %1 is held: skipped</source>
        <translation>Warteschlangeneintrag %1 ist zurückgehalten: übersprungen</translation>
    </message>
    <message>
        <source>trial %1/%2: waiting for queue entry %3, which another runner took</source>
        <translation>Versuch %1/%2: wartet auf Warteschlangeneintrag %3, den ein anderer Runner übernommen hat</translation>
    </message>
    <message>
        <source>trial %1/%2: %3</source>
        <translation>Versuch %1/%2: %3</translation>
    </message>
    <message>
        <source>queue entry %1 ended %2 without a model</source>
        <translation>Warteschlangeneintrag %1 endete ohne Modell (%2)</translation>
    </message>
    <message>
        <source>model %1 is no longer registered</source>
        <translation>Modell %1 ist nicht mehr registriert</translation>
    </message>
</context>
<context>
    <name>mlwb::BuildDatasetJob</name>
    <message>
        <source>Build a data set from the labeled samples</source>
        <translation>Datensatz aus den beschrifteten Bildern erstellen</translation>
    </message>
    <message>
        <source>building</source>
        <translation>wird erstellt</translation>
    </message>
</context>
<context>
    <name>mlwb::CapturePanel</name>
    <message>
        <source>Sample</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>The true class of the selected capture (a digit key 0–9 sets it too)</source>
        <translation>Die wahre Klasse des gewählten erfassten Bildes (eine Zifferntaste 0–9 setzt sie ebenfalls)</translation>
    </message>
    <message>
        <source>&amp;True class:</source>
        <translation>&amp;Wahre Klasse:</translation>
    </message>
    <message>
        <source>— not labelled</source>
        <translation>— nicht beschriftet</translation>
    </message>
    <message>
        <source>%1 (key %2)</source>
        <translation>%1 (Taste %2)</translation>
    </message>
    <message>
        <source>not a digit</source>
        <translation>keine Ziffer</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Enter captures the drawing.</source>
        <translation>Enter erfasst die Zeichnung.</translation>
    </message>
    <message>
        <source>Select a capture to label it.</source>
        <translation>Erfasstes Bild wählen, um es zu beschriften.</translation>
    </message>
    <message>
        <source>A digit key labels sample %1.</source>
        <translation>Eine Zifferntaste beschriftet Bild %1.</translation>
    </message>
    <message>
        <source>Capture (Enter) or select a sample first.</source>
        <translation>Zuerst erfassen (Enter) oder ein Bild wählen.</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>speichert…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>mlwb::ClassButtons</name>
    <message>
        <source>Label it %1 and go to the next image (key %2)</source>
        <translation>Als %1 beschriften und zum nächsten Bild gehen (Taste %2)</translation>
    </message>
    <message>
        <source>Label it %1 and go to the next image</source>
        <translation>Als %1 beschriften und zum nächsten Bild gehen</translation>
    </message>
</context>
<context>
    <name>mlwb::ClassHistogram</name>
    <message>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>images</source>
        <translation>Bilder</translation>
    </message>
</context>
<context>
    <name>mlwb::CompareJob</name>
    <message>
        <source>Compare %1 models</source>
        <translation>%1 Modelle vergleichen</translation>
    </message>
    <message>
        <source>evaluating</source>
        <translation>wird ausgewertet</translation>
    </message>
</context>
<context>
    <name>mlwb::ComparisonView</name>
    <message>
        <source>F1 per class</source>
        <translation>F1 pro Klasse</translation>
    </message>
    <message>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Compare two models to see where their answers differ</source>
        <translation>Zwei Modelle vergleichen, um zu sehen, wo ihre Antworten abweichen</translation>
    </message>
    <message>
        <source>Click a cell of the difference to see the images where the two models disagree.</source>
        <translation>Eine Zelle der Differenz anklicken, um die Bilder zu sehen, bei denen sich die beiden Modelle uneinig sind.</translation>
    </message>
    <message>
        <source>The two models agree here</source>
        <translation>Die beiden Modelle sind sich hier einig</translation>
    </message>
    <message>
        <source>Pair:</source>
        <translation>Paar:</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Confusion difference</source>
        <translation>Konfusionsdifferenz</translation>
    </message>
    <message>
        <source>Learning curves</source>
        <translation>Lernkurven</translation>
    </message>
    <message>
        <source>Select two to four model versions (Ctrl+click) and press Compare.</source>
        <translation>Zwei bis vier Modellversionen wählen (Strg+Klick) und „Vergleichen“ drücken.</translation>
    </message>
    <message>
        <source>Nothing to compare</source>
        <translation>Nichts zu vergleichen</translation>
    </message>
    <message>
        <source>On the test split of data set %1 (%2 images).</source>
        <translation>Auf dem Testanteil von Datensatz %1 (%2 Bilder).</translation>
    </message>
    <message>
        <source>model %1 − model %2</source>
        <translation>Modell %1 − Modell %2</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Δ accuracy</source>
        <translation>Δ Genauigkeit</translation>
    </message>
    <message>
        <source>Macro-F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Δ macro-F1</source>
        <translation>Δ Makro-F1</translation>
    </message>
    <message>
        <source>Weighted-F1</source>
        <translation>Gewichteter F1</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>Modell %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;model %1 is better&lt;/b&gt; (%2)</source>
        <translation>&lt;b&gt;Modell %1 ist besser&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <source>no significant difference (%1)</source>
        <translation>kein signifikanter Unterschied (%1)</translation>
    </message>
    <message>
        <source>Model %1 vs %2: only %1 right on %3, only %2 right on %4, different answers on %5 images — %6</source>
        <translation>Modell %1 vs. %2: nur %1 richtig bei %3, nur %2 richtig bei %4, unterschiedliche Antworten bei %5 Bildern — %6</translation>
    </message>
    <message>
        <source>McNemar&apos;s exact test:</source>
        <translation>Exakter McNemar-Test:</translation>
    </message>
    <message>
        <source>%1 images where models %2 and %3 disagree%4 (shown with model %3&apos;s answer)</source>
        <translation>%1 Bilder, bei denen sich die Modelle %2 und %3 uneinig sind%4 (mit der Antwort von Modell %3 gezeigt)</translation>
    </message>
    <message>
        <source>, true %1, one of them answered %2</source>
        <translation>, wahre Klasse %1, eines der beiden antwortete %2</translation>
    </message>
    <message>
        <source>Choose another test set beside Compare to evaluate all of them on it.</source>
        <translation>Neben „Vergleichen“ einen anderen Testdatensatz wählen, um alle darauf auszuwerten.</translation>
    </message>
    <message>
        <source>Click a cell of the difference</source>
        <translation>Eine Zelle der Differenz anklicken</translation>
    </message>
</context>
<context>
    <name>mlwb::ConfusionMatrixView</name>
    <message>
        <source>No confusion matrix to show.</source>
        <translation>Keine Konfusionsmatrix anzuzeigen.</translation>
    </message>
    <message>
        <source>The two models cannot be compared: one knows %1 classes, the other %2.</source>
        <translation>Die beiden Modelle können nicht verglichen werden: Eines kennt %1 Klassen, das andere %2.</translation>
    </message>
    <message>
        <source>1 image</source>
        <translation>1 Bild</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 Bilder</translation>
    </message>
    <message>
        <source>True %1 → predicted %2</source>
        <translation>Wahre Klasse %1 → vorhergesagt %2</translation>
    </message>
    <message>
        <source>%1: %2 in both models</source>
        <translation>%1: %2 in beiden Modellen</translation>
    </message>
    <message>
        <source>1 more image</source>
        <translation>1 Bild mehr</translation>
    </message>
    <message>
        <source>%1 more images</source>
        <translation>%1 Bilder mehr</translation>
    </message>
    <message>
        <source>1 image fewer</source>
        <translation>1 Bild weniger</translation>
    </message>
    <message>
        <source>%1 fewer images</source>
        <translation>%1 Bilder weniger</translation>
    </message>
    <message>
        <source>%1: model B has %2 than model A (A: %3, B: %4)</source>
        <translation>%1: Modell B hat %2 als Modell A (A: %3, B: %4)</translation>
    </message>
    <message>
        <source>%1: %2 (the test set has no images of this class)</source>
        <translation>%1: %2 (der Testanteil enthält keine Bilder dieser Klasse)</translation>
    </message>
    <message>
        <source>%1: %2 (%3 of the row)</source>
        <translation>%1: %2 (%3 der Zeile)</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>True %1: model A %2 correct, model B %3 correct</source>
        <translation>Wahre Klasse %1: Modell A %2 richtig, Modell B %3 richtig</translation>
    </message>
    <message>
        <source>True %1: %2, %3 of them predicted correctly</source>
        <translation>Wahre Klasse %1: %2, davon %3 richtig vorhergesagt</translation>
    </message>
    <message>
        <source>Predicted %1: model A %2, model B %3</source>
        <translation>Vorhergesagt %1: Modell A %2, Modell B %3</translation>
    </message>
    <message>
        <source>Predicted %1: %2, %3 of them correct</source>
        <translation>Vorhergesagt %1: %2, davon %3 richtig</translation>
    </message>
    <message>
        <source>B − A</source>
        <translation>B − A</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>richtig</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>Vorhergesagte Klasse</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>Wahre Klasse</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Konfusionsmatrix</translation>
    </message>
</context>
<context>
    <name>mlwb::ContinuousPanel</name>
    <message>
        <source>&amp;Build data set…</source>
        <translation>Datensatz erste&amp;llen…</translation>
    </message>
    <message>
        <source>&amp;Retrain…</source>
        <translation>&amp;Neu trainieren…</translation>
    </message>
    <message>
        <source>Retrain &amp;automatically after</source>
        <translation>Au&amp;tomatisch neu trainieren nach</translation>
    </message>
    <message>
        <source>A new data set version: the production model&apos;s data set plus the labeled samples, some held back for testing (Ctrl+B)</source>
        <translation>Eine neue Datensatzversion: der Datensatz des Produktionsmodells plus die beschrifteten Bilder, einige davon zum Testen zurückgehalten (Strg+B)</translation>
    </message>
    <message>
        <source>Build, train a new model on it and compare it with production (Ctrl+R)</source>
        <translation>Datensatz erstellen, darauf ein neues Modell trainieren und es mit der Produktion vergleichen (Strg+R)</translation>
    </message>
    <message>
        <source>Start a retraining with the last choices once this many labels were given on this page since the last build (kept in the workspace)</source>
        <translation>Ein erneutes Training mit der letzten Auswahl starten, sobald seit dem letzten Erstellen so viele Labels auf dieser Seite vergeben wurden (im Arbeitsbereich gespeichert)</translation>
    </message>
    <message>
        <source> new labels</source>
        <translation> neuen Labels</translation>
    </message>
    <message>
        <source>Promote model %1</source>
        <translation>Modell %1 in Produktion übernehmen</translation>
    </message>
    <message>
        <source>Make model %1 the production model? It must pass the promotion gates.</source>
        <translation>Modell %1 zum Produktionsmodell machen? Es muss die Schwellen für die Produktion erfüllen.</translation>
    </message>
    <message>
        <source>Continuous training</source>
        <translation>Kontinuierliches Training</translation>
    </message>
    <message>
        <source>Setting not kept</source>
        <translation>Einstellung nicht gespeichert</translation>
    </message>
    <message>
        <source>%1 of %2 new labels given since the last build.</source>
        <translation>%1 von %2 neuen Labels seit dem letzten Erstellen vergeben.</translation>
    </message>
    <message>
        <source>New labels given on this page since the last build: %1.</source>
        <translation>Seit dem letzten Erstellen auf dieser Seite vergebene neue Labels: %1.</translation>
    </message>
    <message>
        <source>Building a data set version from the labeled samples…</source>
        <translation>Datensatzversion aus den beschrifteten Bildern wird erstellt…</translation>
    </message>
    <message>
        <source>No data set built: %1</source>
        <translation>Kein Datensatz erstellt: %1</translation>
    </message>
    <message>
        <source>No data set built</source>
        <translation>Kein Datensatz erstellt</translation>
    </message>
    <message>
        <source>Building cancelled.</source>
        <translation>Erstellen abgebrochen.</translation>
    </message>
    <message>
        <source>Fine-tuning the production model on the labeled samples…</source>
        <translation>Fine-Tuning des Produktionsmodells auf den beschrifteten Bildern…</translation>
    </message>
    <message>
        <source>Training a new model on the labeled samples…</source>
        <translation>Neues Modell wird auf den beschrifteten Bildern trainiert…</translation>
    </message>
    <message>
        <source>Retraining failed: %1</source>
        <translation>Erneutes Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Retraining failed</source>
        <translation>Erneutes Training fehlgeschlagen</translation>
    </message>
    <message>
        <source>Retraining cancelled.</source>
        <translation>Erneutes Training abgebrochen.</translation>
    </message>
    <message>
        <source>retrained on labeled production samples</source>
        <translation>auf beschrifteten Produktionsbildern neu trainiert</translation>
    </message>
    <message>
        <source>Model %1 not promoted</source>
        <translation>Modell %1 nicht übernommen</translation>
    </message>
    <message>
        <source>Model %1 does not pass the promotion gates:

%2</source>
        <translation>Modell %1 erfüllt die Schwellen für die Produktion nicht:

%2</translation>
    </message>
</context>
<context>
    <name>mlwb::DataPage</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Import a data set from IDX, npz, PNG or CIFAR-10 files (Ctrl+I)</source>
        <translation>Datensatz aus IDX-, npz-, PNG- oder CIFAR-10-Dateien importieren (Strg+I)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Re-read the list of versions (F5)</source>
        <translation>Versionsliste neu einlesen (F5)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Data set versions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Datensatzversionen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No data set in this workspace yet. Import one with Import… (Ctrl+I).</source>
        <translation>Noch kein Datensatz in diesem Arbeitsbereich. Einen mit „Importieren…“ (Strg+I) importieren.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>&amp;Samples</source>
        <translation>Bi&amp;lder</translation>
    </message>
    <message>
        <source>&amp;Augmentation</source>
        <translation>Au&amp;gmentierung</translation>
    </message>
    <message>
        <source>Data Sets</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>%1 + %2</source>
        <translation>%1 + %2</translation>
    </message>
    <message>
        <source>%1×%2×%3</source>
        <translation>%1×%2×%3</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a version to see its details.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Version wählen, um ihre Details zu sehen.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Content id</source>
        <translation>Inhalts-ID</translation>
    </message>
    <message>
        <source>%1 train, %2 test</source>
        <translation>%1 Training, %2 Test</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>Abmessungen</translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2 pixels, %n channel(s)</source>
        <translation>
            <numerusform>%1 × %2 Pixel, %n Kanal</numerusform>
            <numerusform>%1 × %2 Pixel, %n Kanäle</numerusform>
        </translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>%1 % of train, seed %2</source>
        <translation>%1 % der Trainingsdaten, Seed %2</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Data Set</source>
        <translation>Datensatz</translation>
    </message>
</context>
<context>
    <name>mlwb::DatasetImporter</name>
    <message>
        <source>An import is already running.</source>
        <translation>Es läuft bereits ein Import.</translation>
    </message>
    <message>
        <source>Choose a file or folder to import.</source>
        <translation>Datei oder Ordner zum Importieren wählen.</translation>
    </message>
    <message>
        <source>The resize width and height must be at least 1 pixel.</source>
        <translation>Breite und Höhe für die Skalierung müssen mindestens 1 Pixel betragen.</translation>
    </message>
</context>
<context>
    <name>mlwb::DrawingCanvas</name>
    <message>
        <source>Draw a digit here
or drop an image</source>
        <translation>Hier eine Ziffer zeichnen
oder ein Bild ablegen</translation>
    </message>
</context>
<context>
    <name>mlwb::DriftPlot</name>
    <message>
        <source>Drift: p-value per window (lower is more drift)</source>
        <translation>Drift: p-Wert pro Fenster (niedriger heißt mehr Drift)</translation>
    </message>
    <message>
        <source>window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>p-value</source>
        <translation>p-Wert</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>threshold (α / statistics)</source>
        <translation>Schwelle (α / Statistiken)</translation>
    </message>
    <message>
        <source>Click a point to label that window&apos;s samples, most drifting first · click a name to hide or show it · wheel: zoom · drag: pan · double-click: follow the data again</source>
        <translation>Einen Punkt anklicken, um die Bilder dieses Fensters zu beschriften, am stärksten driftende zuerst · einen Namen anklicken, um ihn aus- oder einzublenden · Mausrad: zoomen · Ziehen: verschieben · Doppelklick: wieder den Daten folgen</translation>
    </message>
</context>
<context>
    <name>mlwb::EvaluateJob</name>
    <message>
        <source>Evaluate model %1</source>
        <translation>Modell %1 auswerten</translation>
    </message>
    <message>
        <source>opening the evaluation of model %1</source>
        <translation>Auswertung von Modell %1 wird geöffnet</translation>
    </message>
    <message>
        <source>evaluating model %1</source>
        <translation>Modell %1 wird ausgewertet</translation>
    </message>
</context>
<context>
    <name>mlwb::EvaluatePage</name>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>Model %1 — %2, macro-F1 %3</source>
        <translation>Modell %1 — %2, Makro-F1 %3</translation>
    </message>
    <message>
        <source> (production)</source>
        <translation> (Produktion)</translation>
    </message>
    <message>
        <source>The evaluation report of this model cannot be read:
%1</source>
        <translation>Der Auswertungsbericht dieses Modells kann nicht gelesen werden:
%1</translation>
    </message>
    <message>
        <source>evaluation of model %1</source>
        <translation>Auswertung von Modell %1</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>&amp;Auswerten</translation>
    </message>
    <message>
        <source>Compute &amp;robustness</source>
        <translation>&amp;Robustheit berechnen</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <source>any true class</source>
        <translation>beliebige wahre Klasse</translation>
    </message>
    <message>
        <source>any prediction</source>
        <translation>beliebige Vorhersage</translation>
    </message>
    <message>
        <source>Evaluate on the test split of another data set version with the same classes and image size</source>
        <translation>Auf dem Testanteil einer anderen Datensatzversion mit denselben Klassen und derselben Bildgröße auswerten</translation>
    </message>
    <message>
        <source>Run the model over the test split again and store the result (Ctrl+E)</source>
        <translation>Das Modell erneut auf den Testanteil anwenden und das Ergebnis speichern (Strg+E)</translation>
    </message>
    <message>
        <source>Accuracy under noise, blur, shift, contrast and rotation, five severities each</source>
        <translation>Genauigkeit unter Rauschen, Unschärfe, Verschiebung, Kontrast und Rotation, jeweils in fünf Stärken</translation>
    </message>
    <message>
        <source>Per-class table (CSV)…</source>
        <translation>Tabelle pro Klasse (CSV)…</translation>
    </message>
    <message>
        <source>Predictions of every test image (CSV)…</source>
        <translation>Vorhersagen aller Testbilder (CSV)…</translation>
    </message>
    <message>
        <source>Suspected label errors (CSV)…</source>
        <translation>Vermutete Labelfehler (CSV)…</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Anzahlen</translation>
    </message>
    <message>
        <source>Share of the true class</source>
        <translation>Anteil je wahrer Klasse</translation>
    </message>
    <message>
        <source>No evaluation yet</source>
        <translation>Noch keine Auswertung</translation>
    </message>
    <message>
        <source>Click a cell, or a row or column name, to see its images.</source>
        <translation>Eine Zelle oder einen Zeilen- bzw. Spaltennamen anklicken, um die Bilder dazu zu sehen.</translation>
    </message>
    <message>
        <source>No images in this cell</source>
        <translation>Keine Bilder in dieser Zelle</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeige:</translation>
    </message>
    <message>
        <source>Most confident mistakes first</source>
        <translation>Sicherste Fehler zuerst</translation>
    </message>
    <message>
        <source>Lowest margin first</source>
        <translation>Kleinste Marge zuerst</translation>
    </message>
    <message>
        <source>Lowest probability of the true class first</source>
        <translation>Niedrigste Wahrscheinlichkeit der wahren Klasse zuerst</translation>
    </message>
    <message>
        <source>No mistakes with these filters</source>
        <translation>Keine Fehler mit diesen Filtern</translation>
    </message>
    <message>
        <source>True:</source>
        <translation>Wahre Klasse:</translation>
    </message>
    <message>
        <source>Predicted:</source>
        <translation>Vorhergesagt:</translation>
    </message>
    <message>
        <source>Not computed yet — press Compute robustness</source>
        <translation>Noch nicht berechnet — „Robustheit berechnen“ drücken</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Konfusionsmatrix</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fehlklassifikationen</translation>
    </message>
    <message>
        <source>Label errors</source>
        <translation>Labelfehler</translation>
    </message>
    <message>
        <source>Robustness</source>
        <translation>Robustheit</translation>
    </message>
    <message>
        <source>Learning curves</source>
        <translation>Lernkurven</translation>
    </message>
    <message>
        <source>&amp;Test set:</source>
        <translation>&amp;Testdatensatz:</translation>
    </message>
    <message>
        <source>No model versions yet.
When a training run ends, its model is evaluated on the test split and the evaluation appears here.</source>
        <translation>Noch keine Modellversionen.
Wenn ein Trainingslauf endet, wird sein Modell auf dem Testanteil ausgewertet und die Auswertung erscheint hier.</translation>
    </message>
    <message>
        <source>%1 %2 (trained on)</source>
        <translation>%1 %2 (Trainingsdatensatz)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>This model cannot be shown:
%1</source>
        <translation>Dieses Modell kann nicht angezeigt werden:
%1</translation>
    </message>
    <message>
        <source>not evaluated on this test set yet: press Evaluate</source>
        <translation>auf diesem Testdatensatz noch nicht ausgewertet: „Auswerten“ drücken</translation>
    </message>
    <message>
        <source>Model %1 — %2</source>
        <translation>Modell %1 — %2</translation>
    </message>
    <message>
        <source>Accuracy &lt;b&gt;%1&lt;/b&gt; · macro-F1 &lt;b&gt;%2&lt;/b&gt; · weighted-F1 &lt;b&gt;%3&lt;/b&gt; · %4 test images</source>
        <translation>Genauigkeit &lt;b&gt;%1&lt;/b&gt; · Makro-F1 &lt;b&gt;%2&lt;/b&gt; · gewichteter F1 &lt;b&gt;%3&lt;/b&gt; · %4 Testbilder</translation>
    </message>
    <message>
        <source>Evaluate the model to see the images behind each cell.</source>
        <translation>Modell auswerten, um die Bilder hinter jeder Zelle zu sehen.</translation>
    </message>
    <message>
        <source>Evaluate the model to rank its test images by how little it believes their labels.</source>
        <translation>Modell auswerten, um seine Testbilder danach zu ordnen, wie wenig es ihren Labels glaubt.</translation>
    </message>
    <message>
        <source>evaluating…</source>
        <translation>wird ausgewertet…</translation>
    </message>
    <message>
        <source>opening…</source>
        <translation>wird geöffnet…</translation>
    </message>
    <message>
        <source>evaluation failed</source>
        <translation>Auswertung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Evaluation failed</source>
        <translation>Auswertung fehlgeschlagen</translation>
    </message>
    <message>
        <source>evaluation cancelled</source>
        <translation>Auswertung abgebrochen</translation>
    </message>
    <message>
        <source>evaluated now</source>
        <translation>soeben ausgewertet</translation>
    </message>
    <message>
        <source>stored %1</source>
        <translation>gespeichert am %1</translation>
    </message>
    <message>
        <source>stored evaluation</source>
        <translation>gespeicherte Auswertung</translation>
    </message>
    <message>
        <source> · %1 parameters</source>
        <translation> · %1 Parameter</translation>
    </message>
    <message>
        <source> · %1 on disk</source>
        <translation> · %1 auf dem Datenträger</translation>
    </message>
    <message>
        <source> · one image in %1 ms (p99 %2 ms)</source>
        <translation> · ein Bild in %1 ms (p99 %2 ms)</translation>
    </message>
    <message>
        <source>True %1, predicted %2: %3 images</source>
        <translation>Wahre Klasse %1, vorhergesagt %2: %3 Bilder</translation>
    </message>
    <message>
        <source>True %1, any prediction: %2 images</source>
        <translation>Wahre Klasse %1, beliebige Vorhersage: %2 Bilder</translation>
    </message>
    <message>
        <source>Predicted %1, any true class: %2 images</source>
        <translation>Vorhergesagt %1, beliebige wahre Klasse: %2 Bilder</translation>
    </message>
    <message>
        <source>%1 mistakes</source>
        <translation>%1 Fehler</translation>
    </message>
    <message>
        <source>%1 flagged as suspected label errors, then the test images whose recorded label the model believes least. Select images and press F to flag or unflag them (Ctrl+Z takes the last change back); Export lists the flagged ones.</source>
        <translation>%1 als vermutete Labelfehler markiert, danach die Testbilder, deren hinterlegtem Label das Modell am wenigsten glaubt. Bilder auswählen und F drücken, um sie zu markieren oder die Markierung aufzuheben (Strg+Z nimmt die letzte Änderung zurück); „Exportieren“ listet die markierten auf.</translation>
    </message>
    <message>
        <source>Flags not changed</source>
        <translation>Markierungen nicht geändert</translation>
    </message>
    <message>
        <source>Export the confusion matrix</source>
        <translation>Konfusionsmatrix exportieren</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>Nicht exportiert</translation>
    </message>
    <message>
        <source>Export the robustness plot</source>
        <translation>Robustheitsdiagramm exportieren</translation>
    </message>
    <message>
        <source>Export the per-class table</source>
        <translation>Tabelle pro Klasse exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>Nichts zu exportieren</translation>
    </message>
    <message>
        <source>Evaluate the model first.</source>
        <translation>Zuerst das Modell auswerten.</translation>
    </message>
    <message>
        <source>Export every test image&apos;s prediction</source>
        <translation>Vorhersagen aller Testbilder exportieren</translation>
    </message>
    <message>
        <source>Export the suspected label errors</source>
        <translation>Vermutete Labelfehler exportieren</translation>
    </message>
    <message>
        <source>Confusion matrix (PNG, SVG, PDF)…</source>
        <translation>Konfusionsmatrix (PNG, SVG, PDF)…</translation>
    </message>
    <message>
        <source>Robustness plot (PNG, SVG, PDF)…</source>
        <translation>Robustheitsdiagramm (PNG, SVG, PDF)…</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>%1: cannot be written (use .png, .svg or .pdf)</source>
        <translation>%1: kann nicht geschrieben werden (.png, .svg oder .pdf verwenden)</translation>
    </message>
</context>
<context>
    <name>mlwb::FolderPanel</name>
    <message>
        <source>C&amp;hoose…</source>
        <translation>Wäh&amp;len…</translation>
    </message>
    <message>
        <source>Every PNG or JPEG written into this folder goes to the production model and is stored as a sample</source>
        <translation>Jedes PNG oder JPEG, das in diesen Ordner geschrieben wird, geht an das Produktionsmodell und wird als Bild gespeichert</translation>
    </message>
    <message>
        <source>Choose the folder to watch</source>
        <translation>Zu überwachenden Ordner wählen</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>%1 (sample %2)</source>
        <translation>%1 (Bild %2)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Stop watching the folder</source>
        <translation>Ordner nicht mehr überwachen</translation>
    </message>
    <message>
        <source>Watch the folder: new images go to the production model</source>
        <translation>Ordner überwachen: Neue Bilder gehen an das Produktionsmodell</translation>
    </message>
    <message>
        <source>Not watching. Start sends every image already in the folder, then each new one.</source>
        <translation>Keine Überwachung. „Starten“ sendet alle Bilder, die schon im Ordner liegen, danach jedes neue.</translation>
    </message>
    <message>
        <source>%1 — %2 processed, %3 failed</source>
        <translation>%1 — %2 verarbeitet, %3 fehlgeschlagen</translation>
    </message>
    <message>
        <source>watching</source>
        <translation>wird überwacht</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>, %1 on their way</source>
        <translation>, %1 unterwegs</translation>
    </message>
</context>
<context>
    <name>mlwb::GalleryModel</name>
    <message>
        <source> → </source>
        <translation> → </translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>True class: %1</source>
        <translation>Wahre Klasse: %1</translation>
    </message>
    <message>
        <source>Predicted: %1 (%2)</source>
        <translation>Vorhergesagt: %1 (%2)</translation>
    </message>
    <message>
        <source>Top 3: %1</source>
        <translation>Top 3: %1</translation>
    </message>
    <message>
        <source>Image #%1 (%2)</source>
        <translation>Bild #%1 (%2)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Image #%1</source>
        <translation>Bild #%1</translation>
    </message>
    <message>
        <source>Flagged as a suspected label error</source>
        <translation>Als vermuteter Labelfehler markiert</translation>
    </message>
</context>
<context>
    <name>mlwb::HoverTracer</name>
    <message>
        <source>%1 · %2 %3 · %4</source>
        <translation>%1 · %2 %3 · %4</translation>
    </message>
</context>
<context>
    <name>mlwb::ImportDialog</name>
    <message>
        <source>Import Data Set</source>
        <translation>Datensatz importieren</translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation>Automatisch erkennen</translation>
    </message>
    <message>
        <source>IDX (MNIST files)</source>
        <translation>IDX (MNIST-Dateien)</translation>
    </message>
    <message>
        <source>NumPy .npz (Keras mnist.npz)</source>
        <translation>NumPy .npz (Keras mnist.npz)</translation>
    </message>
    <message>
        <source>PNG folder + groundtruth.csv</source>
        <translation>PNG-Ordner + groundtruth.csv</translation>
    </message>
    <message>
        <source>One folder per class</source>
        <translation>Ein Ordner pro Klasse</translation>
    </message>
    <message>
        <source>CIFAR-10 binary batches</source>
        <translation>CIFAR-10-Binärbatches</translation>
    </message>
    <message>
        <source>A folder, an .npz file or an IDX images file</source>
        <translation>Ein Ordner, eine .npz-Datei oder eine IDX-Bilddatei</translation>
    </message>
    <message>
        <source>&amp;Folder…</source>
        <translation>&amp;Ordner…</translation>
    </message>
    <message>
        <source>F&amp;ile…</source>
        <translation>&amp;Datei…</translation>
    </message>
    <message>
        <source>Data Set Folder</source>
        <translation>Datensatzordner</translation>
    </message>
    <message>
        <source>The folder or file name</source>
        <translation>Der Ordner- oder Dateiname</translation>
    </message>
    <message>
        <source>&amp;Resize to</source>
        <translation>&amp;Skalieren auf</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>From the source</source>
        <translation>Aus der Quelle</translation>
    </message>
    <message>
        <source>Digits 0–9</source>
        <translation>Ziffern 0–9</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <source>Comma-separated, in label order</source>
        <translation>Durch Kommas getrennt, in der Reihenfolge der Labels</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>First images:</source>
        <translation>Erste Bilder:</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was stored.</source>
        <translation>Import abgebrochen; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>Data set files (*.npz *ubyte *ubyte.gz *.bin);;All files (*)</source>
        <translation>Datensatzdateien (*.npz *ubyte *ubyte.gz *.bin);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Data Set File</source>
        <translation>Datensatzdatei</translation>
    </message>
    <message>
        <source>Choose a source to see its first images.</source>
        <translation>Quelle wählen, um ihre ersten Bilder zu sehen.</translation>
    </message>
    <message>
        <source>No preview for this source; Import reads it fully.</source>
        <translation>Keine Vorschau für diese Quelle; „Importieren“ liest sie vollständig.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Import Failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <source>Imported “%1” as version %2 (%L3 images).</source>
        <translation>„%1“ als Version %2 importiert (%L3 Bilder).</translation>
    </message>
    <message>
        <source>This data is already stored as “%1”, version %2: nothing new was written.</source>
        <translation>Diese Daten sind bereits als „%1“, Version %2, gespeichert: Es wurde nichts Neues geschrieben.</translation>
    </message>
    <message>
        <source>Already Stored</source>
        <translation>Bereits gespeichert</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>Klassen:</translation>
    </message>
</context>
<context>
    <name>mlwb::ImportModelJob</name>
    <message>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message>
        <source>evaluating</source>
        <translation>wird ausgewertet</translation>
    </message>
</context>
<context>
    <name>mlwb::IngestJob</name>
    <message>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>wird gelesen</translation>
    </message>
    <message>
        <source>%1: no such file or folder</source>
        <translation>%1: Datei oder Ordner nicht gefunden</translation>
    </message>
    <message>
        <source>storing</source>
        <translation>wird gespeichert</translation>
    </message>
</context>
<context>
    <name>mlwb::InterruptedRunsBar</name>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message numerus="yes">
        <source>%n training run(s) stopped without finishing (the process was killed or crashed). They can continue from their last checkpoint.</source>
        <translation>
            <numerusform>%n Trainingslauf wurde nicht abgeschlossen (der Prozess wurde beendet oder ist abgestürzt). Er kann ab seinem letzten Checkpoint fortgesetzt werden.</numerusform>
            <numerusform>%n Trainingsläufe wurden nicht abgeschlossen (der Prozess wurde beendet oder ist abgestürzt). Sie können ab ihrem letzten Checkpoint fortgesetzt werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resume run %1</source>
        <translation>Lauf %1 fortsetzen</translation>
    </message>
</context>
<context>
    <name>mlwb::Job</name>
    <message>
        <source>%1 was cancelled</source>
        <translation>%1 wurde abgebrochen</translation>
    </message>
</context>
<context>
    <name>mlwb::JobBar</name>
    <message>
        <source>starting…</source>
        <translation>startet…</translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>%1 abbrechen</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>wird abgebrochen…</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>mlwb::LabelGrid</name>
    <message>
        <source>✗ not a digit</source>
        <translation>✗ keine Ziffer</translation>
    </message>
    <message>
        <source>recorded %1</source>
        <translation>hinterlegt: %1</translation>
    </message>
    <message>
        <source>%1 · %2 %</source>
        <translation>%1 · %2 %</translation>
    </message>
</context>
<context>
    <name>mlwb::LabelPage</name>
    <message>
        <source>&amp;Hide near duplicates</source>
        <translation>Beinahe-Du&amp;plikate ausblenden</translation>
    </message>
    <message>
        <source>Si&amp;nce</source>
        <translation>&amp;Seit</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>B&amp;is</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Label the production samples, or relabel the images of a data set version flagged as suspected label errors on the Evaluate page</source>
        <translation>Die Produktionsbilder beschriften oder die Bilder einer Datensatzversion neu beschriften, die auf der Seite „Auswerten“ als vermutete Labelfehler markiert wurden</translation>
    </message>
    <message>
        <source>Lowest margin first</source>
        <translation>Kleinste Marge zuerst</translation>
    </message>
    <message>
        <source>Highest entropy first</source>
        <translation>Höchste Entropie zuerst</translation>
    </message>
    <message>
        <source>Least confident first</source>
        <translation>Geringste Sicherheit zuerst</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <source>Production and a candidate disagree most</source>
        <translation>Größte Uneinigkeit zwischen Produktion und Kandidat</translation>
    </message>
    <message>
        <source>Most uncertain first: the smallest gap between the two likeliest classes (margin), the most spread-out answer (entropy) or the lowest top probability; by time; or where a candidate model&apos;s answer differs most from production&apos;s</source>
        <translation>Unsicherste zuerst: die kleinste Lücke zwischen den zwei wahrscheinlichsten Klassen (Marge), die am stärksten gestreute Antwort (Entropie) oder die niedrigste Top-Wahrscheinlichkeit; nach Zeit; oder wo die Antwort eines Kandidatenmodells am stärksten von der der Produktion abweicht</translation>
    </message>
    <message>
        <source>The candidate model compared with production (the disagreement order runs it)</source>
        <translation>Das Kandidatenmodell, das mit der Produktion verglichen wird (die Reihenfolge nach Uneinigkeit führt es aus)</translation>
    </message>
    <message>
        <source>Show one of each group of nearly identical inputs; the others come back once it is labeled</source>
        <translation>Aus jeder Gruppe fast identischer Eingaben nur eine zeigen; die anderen kommen zurück, sobald sie beschriftet ist</translation>
    </message>
    <message>
        <source>any source</source>
        <translation>beliebige Quelle</translation>
    </message>
    <message>
        <source>Only the samples that came from here</source>
        <translation>Nur die Bilder, die von hier kamen</translation>
    </message>
    <message>
        <source>any prediction</source>
        <translation>beliebige Vorhersage</translation>
    </message>
    <message>
        <source>Only the samples the model gave this class</source>
        <translation>Nur die Bilder, denen das Modell diese Klasse gab</translation>
    </message>
    <message>
        <source>Only the samples from this day on</source>
        <translation>Nur die Bilder ab diesem Tag</translation>
    </message>
    <message>
        <source>Only the samples up to this day (inclusive)</source>
        <translation>Nur die Bilder bis zu diesem Tag (einschließlich)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read the queue again: new samples, hidden duplicates whose twin was labeled (F5)</source>
        <translation>Warteschlange neu einlesen: neue Bilder, ausgeblendete Duplikate, deren Zwilling beschriftet wurde (F5)</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>Bes&amp;chriften:</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>&amp;Reihenfolge:</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Quelle:</translation>
    </message>
    <message>
        <source>&amp;Predicted:</source>
        <translation>&amp;Vorhergesagt:</translation>
    </message>
    <message>
        <source>No images in the queue</source>
        <translation>Keine Bilder in der Warteschlange</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Warteschlange</translation>
    </message>
    <message>
        <source>Label&amp;ed</source>
        <translation>B&amp;eschriftet</translation>
    </message>
    <message>
        <source>The images waiting for a label (Alt+Q)</source>
        <translation>Die Bilder, die auf ein Label warten (Alt+W)</translation>
    </message>
    <message>
        <source>Labels given so far, to change them (Alt+E)</source>
        <translation>Die bisher vergebenen Labels, um sie zu ändern (Alt+E)</translation>
    </message>
    <message>
        <source>Label a page of thumbnails at once: select several (Shift/Ctrl+click, Ctrl+A), then press a digit (G)</source>
        <translation>Eine Seite Miniaturbilder auf einmal beschriften: mehrere auswählen (Umschalt/Strg+Klick, Strg+A), dann eine Ziffer drücken (G)</translation>
    </message>
    <message>
        <source>Take the last decision back and go back to it (Ctrl+Z)</source>
        <translation>Die letzte Entscheidung zurücknehmen und zu ihr zurückkehren (Strg+Z)</translation>
    </message>
    <message>
        <source>Unlabeled production samples</source>
        <translation>Unbeschriftete Produktionsbilder</translation>
    </message>
    <message>
        <source>Suspected label errors: %1 %2 (%3)</source>
        <translation>Vermutete Labelfehler: %1 %2 (%3)</translation>
    </message>
    <message>
        <source>candidate: model %1 (%2, macro-F1 %3)</source>
        <translation>Kandidat: Modell %1 (%2, Makro-F1 %3)</translation>
    </message>
    <message>
        <source>no candidate model</source>
        <translation>kein Kandidatenmodell</translation>
    </message>
    <message>
        <source>Undo (%1)</source>
        <translation>Rückgängig (%1)</translation>
    </message>
    <message>
        <source>Reading the queue…</source>
        <translation>Warteschlange wird gelesen…</translation>
    </message>
    <message>
        <source>reading the queue…</source>
        <translation>Warteschlange wird gelesen…</translation>
    </message>
    <message>
        <source>predicted %1</source>
        <translation>vorhergesagt %1</translation>
    </message>
    <message>
        <source>near duplicates hidden: %1</source>
        <translation>ausgeblendete Beinahe-Duplikate: %1</translation>
    </message>
    <message>
        <source>The queue cannot be read:
%1</source>
        <translation>Die Warteschlange kann nicht gelesen werden:
%1</translation>
    </message>
    <message>
        <source>No suspected label errors in this data set version.
Flag them on the Evaluate page (Label errors tab, F), then relabel them here.</source>
        <translation>Keine vermuteten Labelfehler in dieser Datensatzversion.
Markieren Sie sie auf der Seite „Auswerten“ (Registerkarte „Labelfehler“, F) und beschriften Sie sie dann hier neu.</translation>
    </message>
    <message>
        <source>No unlabeled samples match these filters.
Change the source, prediction or dates above.</source>
        <translation>Keine unbeschrifteten Bilder passen zu diesen Filtern.
Ändern Sie oben Quelle, Vorhersage oder Datum.</translation>
    </message>
    <message>
        <source>No unlabeled samples.
Draw on the Sensor page, watch a folder, or turn on the API (status bar): every input the production model answers waits here for its label.</source>
        <translation>Keine unbeschrifteten Bilder.
Zeichnen Sie auf der Seite „Sensor“, überwachen Sie einen Ordner oder schalten Sie die API ein (Statusleiste): Jede Eingabe, die das Produktionsmodell beantwortet, wartet hier auf ihr Label.</translation>
    </message>
    <message>
        <source>Reading the next images…</source>
        <translation>Die nächsten Bilder werden gelesen…</translation>
    </message>
    <message>
        <source>All caught up: every image in the queue has its label.
Labeled in this session: %1. Build a data set or retrain on the right.</source>
        <translation>Alles erledigt: Jedes Bild in der Warteschlange hat sein Label.
In dieser Sitzung beschriftet: %1. Rechts einen Datensatz erstellen oder neu trainieren.</translation>
    </message>
    <message>
        <source>%1 labeled in this session · %2 unlabeled left</source>
        <translation>%1 in dieser Sitzung beschriftet · noch %2 unbeschriftet</translation>
    </message>
    <message>
        <source>This sample has no guess to accept: press its digit</source>
        <translation>Für dieses Bild gibt es keine Vermutung zum Annehmen: seine Ziffer drücken</translation>
    </message>
    <message>
        <source>An image of a data set version can only be relabeled, not discarded</source>
        <translation>Ein Bild einer Datensatzversion kann nur neu beschriftet, nicht verworfen werden</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Rückgängig gemacht</translation>
    </message>
    <message>
        <source>Undone for %1 images</source>
        <translation>Für %1 Bilder rückgängig gemacht</translation>
    </message>
    <message>
        <source>Select (Shift/Ctrl+click, Ctrl+A), then 0–9 labels all · Space: each its guess · X: not a digit · G: one at a time</source>
        <translation>Auswählen (Umschalt/Strg+Klick, Strg+A), dann beschriftet 0–9 alle · Leertaste: jedes mit seiner Vermutung · X: keine Ziffer · G: einzeln</translation>
    </message>
    <message>
        <source>Back to the Queue</source>
        <translation>Zurück zur Warteschlange</translation>
    </message>
    <message>
        <source>The unlabeled samples again, in the order and with the filters chosen below</source>
        <translation>Wieder die unbeschrifteten Bilder, in der Reihenfolge und mit den Filtern, die unten gewählt sind</translation>
    </message>
    <message>
        <source>None of these samples is stored any more.
Go back to the queue (above).</source>
        <translation>Keines dieser Bilder ist mehr gespeichert.
Kehren Sie zur Warteschlange zurück (oben).</translation>
    </message>
    <message>
        <source>Every sample of this list has its label (or was skipped).
Go back to the queue (above) for the others.</source>
        <translation>Jedes Bild dieser Liste hat sein Label (oder wurde übersprungen).
Für die anderen kehren Sie zur Warteschlange zurück (oben).</translation>
    </message>
    <message>
        <source>Showing 1 sample of %1</source>
        <translation>Angezeigt: 1 Bild aus %1</translation>
    </message>
    <message>
        <source>Showing %1 samples of %2</source>
        <translation>Angezeigt: %1 Bilder aus %2</translation>
    </message>
    <message>
        <source>saving the labels, then reading the queue…</source>
        <translation>Labels werden gespeichert, dann wird die Warteschlange gelesen…</translation>
    </message>
    <message>
        <source> · saving…</source>
        <translation> · speichert…</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>mlwb::LabelQueueModel</name>
    <message>
        <source>not a digit</source>
        <translation>keine Ziffer</translation>
    </message>
    <message>
        <source>recorded %1</source>
        <translation>hinterlegt: %1</translation>
    </message>
    <message>
        <source>guess %1</source>
        <translation>Vermutung: %1</translation>
    </message>
    <message>
        <source>Image #%1 of data set %2</source>
        <translation>Bild #%1 aus Datensatz %2</translation>
    </message>
    <message>
        <source>Recorded label: %1</source>
        <translation>Hinterlegtes Label: %1</translation>
    </message>
    <message>
        <source>Corrected to: %1</source>
        <translation>Korrigiert zu: %1</translation>
    </message>
    <message>
        <source>Sample %1 (%2)</source>
        <translation>Bild %1 (%2)</translation>
    </message>
    <message>
        <source>Model %1 guesses %2 (%3 %)</source>
        <translation>Modell %1 vermutet %2 (%3 %)</translation>
    </message>
    <message>
        <source>The candidate guesses %1</source>
        <translation>Der Kandidat vermutet %1</translation>
    </message>
    <message>
        <source>Labeled: not a digit</source>
        <translation>Beschriftet: keine Ziffer</translation>
    </message>
    <message>
        <source>Labeled: %1</source>
        <translation>Beschriftet: %1</translation>
    </message>
</context>
<context>
    <name>mlwb::LabeledList</name>
    <message>
        <source>any source</source>
        <translation>beliebige Quelle</translation>
    </message>
    <message>
        <source>Only the samples that came from here</source>
        <translation>Nur die Bilder, die von hier kamen</translation>
    </message>
    <message>
        <source>Only the samples with this label</source>
        <translation>Nur die Bilder mit diesem Label</translation>
    </message>
    <message>
        <source>Give the selected samples another label (a digit key does the same; X: not a digit; Delete: take the label back; Ctrl+Z undoes)</source>
        <translation>Den gewählten Bildern ein anderes Label geben (eine Zifferntaste bewirkt dasselbe; X: keine Ziffer; Entf: Label zurücknehmen; Strg+Z macht rückgängig)</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>Vorhergesagt</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeige:</translation>
    </message>
    <message>
        <source>Change to:</source>
        <translation>Ändern in:</translation>
    </message>
    <message>
        <source>any label</source>
        <translation>beliebiges Label</translation>
    </message>
    <message>
        <source>labeled %1</source>
        <translation>beschriftet als %1</translation>
    </message>
    <message>
        <source>not a digit</source>
        <translation>keine Ziffer</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (key %2)</source>
        <translation>%1 (Taste %2)</translation>
    </message>
    <message>
        <source>not a digit (X)</source>
        <translation>keine Ziffer (X)</translation>
    </message>
    <message>
        <source>no label (Delete)</source>
        <translation>kein Label (Entf)</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>wird gelesen…</translation>
    </message>
    <message>
        <source>the newest %1</source>
        <translation>die neuesten %1</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 angezeigt</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>The model guessed otherwise</source>
        <translation>Das Modell hat anders vermutet</translation>
    </message>
    <message>
        <source>Select a sample first.</source>
        <translation>Zuerst ein Bild wählen.</translation>
    </message>
    <message>
        <source>Select a sample to see who labeled it and when; a digit key changes its label.</source>
        <translation>Bild wählen, um zu sehen, wer es wann beschriftet hat; eine Zifferntaste ändert sein Label.</translation>
    </message>
    <message>
        <source>%1 samples selected: a digit key gives them all that label.</source>
        <translation>%1 Bilder gewählt: Eine Zifferntaste gibt allen dieses Label.</translation>
    </message>
    <message>
        <source>label taken back</source>
        <translation>Label zurückgenommen</translation>
    </message>
    <message>
        <source>%1 — %2 by %3</source>
        <translation>%1 — %2 von %3</translation>
    </message>
    <message>
        <source>Sample %1: </source>
        <translation>Bild %1: </translation>
    </message>
    <message>
        <source>no label history</source>
        <translation>kein Labelverlauf</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>speichert…</translation>
    </message>
</context>
<context>
    <name>mlwb::LogPanel</name>
    <message>
        <source>Debug and above</source>
        <translation>Debug und höher</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info und höher</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Warnungen und Fehler</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <source>Which lines to show</source>
        <translation>Welche Zeilen angezeigt werden</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>Protokoll durchsuchen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Remove the lines shown so far</source>
        <translation>Die bisherigen Zeilen entfernen</translation>
    </message>
</context>
<context>
    <name>mlwb::MainWindow</name>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Auswerten</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>Sensor</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Beschriften</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Überwachen</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Log panel</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About mlwb</source>
        <translation>Ü&amp;ber mlwb</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Jobs are running</source>
        <translation>Aufgaben laufen</translation>
    </message>
    <message>
        <source>Wait for the running jobs to finish, or cancel them in the status bar, before opening another workspace.</source>
        <translation>Warten Sie, bis die laufenden Aufgaben beendet sind, oder brechen Sie sie in der Statusleiste ab, bevor Sie einen anderen Arbeitsbereich öffnen.</translation>
    </message>
    <message>
        <source>%1 — MLOps Workbench</source>
        <translation>%1 — MLOps Workbench</translation>
    </message>
    <message>
        <source>Cannot open the workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>The workspace at %1 cannot be opened.</source>
        <translation>Der Arbeitsbereich %1 kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>%1

Choose another folder, or check that this one is writable and not used by an older mlwb.</source>
        <translation>%1

Wählen Sie einen anderen Ordner oder prüfen Sie, ob dieser beschreibbar ist und nicht von einer älteren mlwb-Version benutzt wird.</translation>
    </message>
    <message>
        <source>Open workspace…</source>
        <translation>Arbeitsbereich öffnen…</translation>
    </message>
    <message>
        <source>MLOps Workbench</source>
        <translation>MLOps Workbench</translation>
    </message>
    <message>
        <source>No workspace is open.
A workspace is a folder that holds data sets, training runs and models.</source>
        <translation>Kein Arbeitsbereich geöffnet.
Ein Arbeitsbereich ist ein Ordner mit Datensätzen, Trainingsläufen und Modellen.</translation>
    </message>
    <message>
        <source>New workspace…</source>
        <translation>Neuer Arbeitsbereich…</translation>
    </message>
    <message>
        <source>This page failed to start:
%1</source>
        <translation>Diese Seite konnte nicht starten:
%1</translation>
    </message>
    <message>
        <source>Choose an empty folder for the new workspace</source>
        <translation>Leeren Ordner für den neuen Arbeitsbereich wählen</translation>
    </message>
    <message>
        <source>Open a workspace folder</source>
        <translation>Arbeitsbereich-Ordner öffnen</translation>
    </message>
    <message>
        <source>Folder not empty</source>
        <translation>Ordner nicht leer</translation>
    </message>
    <message>
        <source>%1 already holds other files. Choose an empty folder (the dialog can create one) so that the workspace&apos;s files do not mix with them.</source>
        <translation>%1 enthält bereits andere Dateien. Wählen Sie einen leeren Ordner (der Dialog kann einen anlegen), damit sich die Dateien des Arbeitsbereichs nicht mit ihnen vermischen.</translation>
    </message>
    <message>
        <source>Not a workspace</source>
        <translation>Kein Arbeitsbereich</translation>
    </message>
    <message>
        <source>%1 is not an mlwb workspace yet. Create a new workspace in it?</source>
        <translation>%1 ist noch kein mlwb-Arbeitsbereich. Darin einen neuen Arbeitsbereich anlegen?</translation>
    </message>
    <message>
        <source>About mlwb</source>
        <translation>Über mlwb</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MLOps Workbench %1&lt;/h3&gt;&lt;p&gt;Ingest image data sets, train and evaluate classifiers, and promote the best one to production — on one machine.&lt;/p&gt;&lt;p&gt;The same work runs headless: &lt;code&gt;mlwb --help&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MLOps Workbench %1&lt;/h3&gt;&lt;p&gt;Bilddatensätze einlesen, Klassifikatoren trainieren und auswerten und den besten in die Produktion übernehmen — auf einem Rechner.&lt;/p&gt;&lt;p&gt;Dasselbe geht auch ohne Fenster: &lt;code&gt;mlwb --help&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) still running. Cancel them and quit?</source>
        <translation>
            <numerusform>%n Aufgabe läuft noch. Abbrechen und beenden?</numerusform>
            <numerusform>%n Aufgaben laufen noch. Abbrechen und beenden?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlwb::ModelsPage</name>
    <message>
        <source>&amp;Promote to production</source>
        <translation>In &amp;Produktion übernehmen</translation>
    </message>
    <message>
        <source>&amp;Roll back production</source>
        <translation>Produktion &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Macro-F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model versions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Modellversionen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Make the selected model the production model if it passes the gates (Ctrl+P)</source>
        <translation>Das gewählte Modell zum Produktionsmodell machen, wenn es die Schwellen erfüllt (Strg+P)</translation>
    </message>
    <message>
        <source>Point production back at the model it pointed at before</source>
        <translation>Produktion wieder auf das vorherige Modell zeigen lassen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Gates: macro-F1 ≥ %1, parameters ≤ %2</source>
        <translation>Schwellen: Makro-F1 ≥ %1, Parameter ≤ %2</translation>
    </message>
    <message>
        <source>★ production</source>
        <translation>★ Produktion</translation>
    </message>
    <message>
        <source>Model %1 not promoted</source>
        <translation>Modell %1 nicht übernommen</translation>
    </message>
    <message>
        <source>Model %1 does not pass the promotion gates:

%2</source>
        <translation>Modell %1 erfüllt die Schwellen für die Produktion nicht:

%2</translation>
    </message>
    <message>
        <source>Production not rolled back</source>
        <translation>Produktion nicht zurückgesetzt</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Filter: architecture, data set, alias, id…</source>
        <translation>Filter: Architektur, Datensatz, Alias, ID…</translation>
    </message>
    <message>
        <source>Compare the selected versions (2–4, Ctrl+click) on one test set (Ctrl+K)</source>
        <translation>Die gewählten Versionen (2–4, Strg+Klick) auf einem gemeinsamen Testdatensatz vergleichen (Strg+K)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Register a TorchScript classifier made elsewhere (torch.jit.save) and evaluate it</source>
        <translation>Einen anderswo erstellten TorchScript-Klassifikator (torch.jit.save) registrieren und auswerten</translation>
    </message>
    <message>
        <source>No model versions yet.
Train a model on the Train page: it is registered here when training ends. Or import a TorchScript classifier (Import…).</source>
        <translation>Noch keine Modellversionen.
Trainieren Sie ein Modell auf der Seite „Trainieren“: Es wird hier registriert, wenn das Training endet. Oder importieren Sie einen TorchScript-Klassifikator („Importieren…“).</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>Promotion history</source>
        <translation>Produktionsverlauf</translation>
    </message>
    <message>
        <source>, must beat production&apos;s macro-F1 on the same test set</source>
        <translation>, muss den Makro-F1 der Produktion auf demselben Testdatensatz übertreffen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>promoted</source>
        <translation>übernommen</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>zurückgesetzt</translation>
    </message>
    <message>
        <source>Comparing models %1 on one test set…</source>
        <translation>Modelle %1 werden auf einem gemeinsamen Testdatensatz verglichen…</translation>
    </message>
    <message>
        <source>The models cannot be compared:
%1</source>
        <translation>Die Modelle können nicht verglichen werden:
%1</translation>
    </message>
    <message>
        <source>Import a TorchScript classifier</source>
        <translation>TorchScript-Klassifikator importieren</translation>
    </message>
    <message>
        <source>TorchScript (*.pt *.pth *.ts);;All files (*)</source>
        <translation>TorchScript (*.pt *.pth *.ts);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 %2 — %3 classes, %4×%5</source>
        <translation>%1 %2 — %3 Klassen, %4×%5</translation>
    </message>
    <message>
        <source>No data set</source>
        <translation>Kein Datensatz</translation>
    </message>
    <message>
        <source>Import a data set on the Data page first: the model is evaluated on its test split.</source>
        <translation>Zuerst einen Datensatz auf der Seite „Daten“ importieren: Das Modell wird auf seinem Testanteil ausgewertet.</translation>
    </message>
    <message>
        <source>Evaluate on</source>
        <translation>Auswerten auf</translation>
    </message>
    <message>
        <source>The model takes this data set&apos;s images and predicts its classes:</source>
        <translation>Das Modell erhält die Bilder dieses Datensatzes und sagt dessen Klassen vorher:</translation>
    </message>
    <message>
        <source>Not imported</source>
        <translation>Nicht importiert</translation>
    </message>
    <message>
        <source>&amp;Auto-tune…</source>
        <translation>&amp;Auto-Tuning…</translation>
    </message>
    <message>
        <source>The test set the models are compared on: all of them are evaluated on it (stored evaluations are reused)</source>
        <translation>Der Testdatensatz, auf dem die Modelle verglichen werden: Alle werden darauf ausgewertet (gespeicherte Auswertungen werden wiederverwendet)</translation>
    </message>
    <message>
        <source>A model below the gate: search learning rate, optimizer, batch size and epochs around its settings, within a budget</source>
        <translation>Für ein Modell unter der Schwelle: Lernrate, Optimierer, Batchgröße und Epochen rund um seine Einstellungen durchsuchen, innerhalb eines Budgets</translation>
    </message>
    <message>
        <source>on</source>
        <translation>auf</translation>
    </message>
    <message>
        <source>the first model&apos;s test set</source>
        <translation>Testdatensatz des ersten Modells</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Auto-tune</source>
        <translation>Auto-Tuning</translation>
    </message>
</context>
<context>
    <name>mlwb::MonitorPage</name>
    <message>
        <source>%1 samples</source>
        <translation>%1 Bilder</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Show ac&amp;knowledged</source>
        <translation>Bestätigte an&amp;zeigen</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Acknowledge All</source>
        <translation>Alle bestätigen</translation>
    </message>
    <message>
        <source>Open in Label Queue</source>
        <translation>Zum Beschriften öffnen</translation>
    </message>
    <message>
        <source>Label These Samples</source>
        <translation>Diese Bilder beschriften</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Neuestes</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>How many samples make a window (200, 500, 1,000…), or how long a window lasts: the production samples are cut into consecutive windows of this size</source>
        <translation>Wie viele Bilder ein Fenster bilden (200, 500, 1.000…) oder wie lange ein Fenster dauert: Die Produktionsbilder werden in aufeinanderfolgende Fenster dieser Größe geteilt</translation>
    </message>
    <message>
        <source>the training data (the model&apos;s test split)</source>
        <translation>die Trainingsdaten (Testanteil des Modells)</translation>
    </message>
    <message>
        <source>What every window is compared with: the production model&apos;s evaluation on the test split of the data it was trained on, or one of its windows (e.g. a week known to be good)</source>
        <translation>Womit jedes Fenster verglichen wird: die Auswertung des Produktionsmodells auf dem Testanteil der Daten, auf denen es trainiert wurde, oder eines seiner Fenster (z. B. eine Woche, die als gut bekannt ist)</translation>
    </message>
    <message>
        <source>Significance: a window without drift raises an alert with at most this chance (α is divided among the statistics tested, Bonferroni)</source>
        <translation>Signifikanz: Ein Fenster ohne Drift löst höchstens mit dieser Wahrscheinlichkeit eine Warnung aus (α wird auf die getesteten Statistiken aufgeteilt, Bonferroni)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Look for new samples now (F5); the page also looks every few seconds</source>
        <translation>Jetzt nach neuen Bildern suchen (F5); die Seite sucht auch alle paar Sekunden</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Fenster:</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>&amp;Referenz:</translation>
    </message>
    <message>
        <source>&amp;α:</source>
        <translation>&amp;α:</translation>
    </message>
    <message>
        <source>Enter or a double-click opens the alert&apos;s window in the Label page&apos;s queue, most drifting samples first</source>
        <translation>Enter oder ein Doppelklick öffnet das Fenster der Warnung in der Warteschlange der Seite „Beschriften“, am stärksten driftende Bilder zuerst</translation>
    </message>
    <message>
        <source>Mark the selected alerts as seen, with your name and the time (Ctrl+K)</source>
        <translation>Die gewählten Warnungen mit Ihrem Namen und der Uhrzeit als gesehen markieren (Strg+K)</translation>
    </message>
    <message>
        <source>Mark every open alert as seen (Ctrl+Shift+K)</source>
        <translation>Alle offenen Warnungen als gesehen markieren (Strg+Umschalt+K)</translation>
    </message>
    <message>
        <source>The alert&apos;s window in the Label page&apos;s queue, most drifting first by its statistic (Enter)</source>
        <translation>Das Fenster der Warnung in der Warteschlange der Seite „Beschriften“, am stärksten driftende zuerst nach ihrer Statistik (Enter)</translation>
    </message>
    <message>
        <source>List the alerts seen before too (greyed)</source>
        <translation>Auch die schon gesehenen Warnungen auflisten (ausgegraut)</translation>
    </message>
    <message>
        <source>A click shows the window below and in the plots; Enter or a double-click opens its samples in the Label page&apos;s queue, most drifting first</source>
        <translation>Ein Klick zeigt das Fenster unten und in den Diagrammen; Enter oder ein Doppelklick öffnet seine Bilder in der Warteschlange der Seite „Beschriften“, am stärksten driftende zuerst</translation>
    </message>
    <message>
        <source>Enter or a double-click opens the window&apos;s samples in the Label page&apos;s queue, most drifting first by that statistic</source>
        <translation>Enter oder ein Doppelklick öffnet die Bilder des Fensters in der Warteschlange der Seite „Beschriften“, am stärksten driftende zuerst nach dieser Statistik</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Warnungen</translation>
    </message>
    <message>
        <source>W&amp;indows</source>
        <translation>F&amp;enster</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>&amp;Statistiken</translation>
    </message>
    <message>
        <source>Every statistic that passed its threshold in a window (Alt+A)</source>
        <translation>Jede Statistik, die in einem Fenster ihre Schwelle überschritten hat (Alt+W)</translation>
    </message>
    <message>
        <source>Every window, newest first (Alt+I)</source>
        <translation>Jedes Fenster, neueste zuerst (Alt+E)</translation>
    </message>
    <message>
        <source>The chosen window&apos;s eight statistics (Alt+S)</source>
        <translation>Die acht Statistiken des gewählten Fensters (Alt+S)</translation>
    </message>
    <message>
        <source>This window&apos;s samples in the Label page&apos;s queue, most drifting first by its strongest drift (Ctrl+Return)</source>
        <translation>Die Bilder dieses Fensters in der Warteschlange der Seite „Beschriften“, am stärksten driftende zuerst nach seiner stärksten Drift (Strg+Return)</translation>
    </message>
    <message>
        <source>Follow the latest window again</source>
        <translation>Wieder dem neuesten Fenster folgen</translation>
    </message>
    <message>
        <source>Looking at the production samples…</source>
        <translation>Produktionsbilder werden geprüft…</translation>
    </message>
    <message>
        <source>No production model.</source>
        <translation>Kein Produktionsmodell.</translation>
    </message>
    <message>
        <source>There is no production model to monitor.
Train a model on the Train page and promote it on the Models page (Ctrl+4): this page then compares what production sees with its training data.</source>
        <translation>Es gibt kein Produktionsmodell zu überwachen.
Trainieren Sie ein Modell auf der Seite „Trainieren“ und übernehmen Sie es auf der Seite „Modelle“ (Strg+4) in die Produktion: Diese Seite vergleicht dann, was die Produktion sieht, mit den Trainingsdaten des Modells.</translation>
    </message>
    <message>
        <source>The monitor cannot compare.</source>
        <translation>Die Überwachung kann nicht vergleichen.</translation>
    </message>
    <message>
        <source>The production samples cannot be compared with the reference:
%1</source>
        <translation>Die Produktionsbilder können nicht mit der Referenz verglichen werden:
%1</translation>
    </message>
    <message>
        <source>Production model %1 · reference: %2</source>
        <translation>Produktionsmodell %1 · Referenz: %2</translation>
    </message>
    <message>
        <source>No production samples yet.
Feed samples from the Sensor page, a watched folder or the API (status bar): every input the production model answers is compared here with its training data.</source>
        <translation>Noch keine Produktionsbilder.
Führen Sie Bilder über die Seite „Sensor“, einen überwachten Ordner oder die API (Statusleiste) zu: Jede Eingabe, die das Produktionsmodell beantwortet, wird hier mit seinen Trainingsdaten verglichen.</translation>
    </message>
    <message>
        <source>, accuracy %1 %</source>
        <translation>, Genauigkeit %1 %</translation>
    </message>
    <message>
        <source>%1 of %2 samples for the first window: it is compared as it stands (tested from %3 samples).</source>
        <translation>%1 von %2 Bildern für das erste Fenster: Es wird im jetzigen Stand verglichen (getestet ab %3 Bildern).</translation>
    </message>
    <message numerus="yes">
        <source>%1 samples in %n complete window(s) of %2</source>
        <translation>
            <numerusform>%1 Bilder in %n vollständigen Fenster (je %2)</numerusform>
            <numerusform>%1 Bilder in %n vollständigen Fenstern (je %2)</numerusform>
        </translation>
    </message>
    <message>
        <source> and %1 in the next</source>
        <translation> und %1 im nächsten</translation>
    </message>
    <message>
        <source> %1 s per window.</source>
        <translation> %1 s pro Fenster.</translation>
    </message>
    <message>
        <source>Production model %1 · reference: %2%3
%4%5 Looked at %6.</source>
        <translation>Produktionsmodell %1 · Referenz: %2%3
%4%5 Geprüft um %6.</translation>
    </message>
    <message numerus="yes">
        <source>%n production sample(s) so far: a window is tested from %1.
Feed more from the Sensor page, a watched folder or the API.</source>
        <translation>
            <numerusform>Bisher %n Produktionsbild: Ein Fenster wird ab %1 Bildern getestet.
Führen Sie weitere über die Seite „Sensor“, einen überwachten Ordner oder die API zu.</numerusform>
            <numerusform>Bisher %n Produktionsbilder: Ein Fenster wird ab %1 Bildern getestet.
Führen Sie weitere über die Seite „Sensor“, einen überwachten Ordner oder die API zu.</numerusform>
        </translation>
    </message>
    <message>
        <source>samples %1</source>
        <translation>Bilder %1</translation>
    </message>
    <message>
        <source>&amp;Statistics of window %1</source>
        <translation>&amp;Statistiken von Fenster %1</translation>
    </message>
    <message>
        <source>No window yet</source>
        <translation>Noch kein Fenster</translation>
    </message>
    <message>
        <source>not tested (fewer than %1 samples)</source>
        <translation>nicht getestet (weniger als %1 Bilder)</translation>
    </message>
    <message>
        <source>%1 of %2 statistics</source>
        <translation>%1 von %2 Statistiken</translation>
    </message>
    <message>
        <source>no drift</source>
        <translation>keine Drift</translation>
    </message>
    <message>
        <source>&lt;b style=&quot;color:#b03a2e&quot;&gt;⚠ drift: %1&lt;/b&gt;</source>
        <translation>&lt;b style=&quot;color:#b03a2e&quot;&gt;⚠ Drift: %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Window %1&lt;/b&gt;%2 · samples %3–%4 · %5</source>
        <translation>&lt;b&gt;Fenster %1&lt;/b&gt;%2 · Bilder %3–%4 · %5</translation>
    </message>
    <message>
        <source> (filling)</source>
        <translation> (wird gefüllt)</translation>
    </message>
    <message>
        <source>&amp;Alerts (%1)</source>
        <translation>&amp;Warnungen (%1)</translation>
    </message>
    <message>
        <source>These alerts were acknowledged before</source>
        <translation>Diese Warnungen wurden schon bestätigt</translation>
    </message>
    <message>
        <source>Select the alerts to acknowledge</source>
        <translation>Die zu bestätigenden Warnungen auswählen</translation>
    </message>
    <message>
        <source>Alert acknowledged</source>
        <translation>Warnung bestätigt</translation>
    </message>
    <message>
        <source>%1 alerts acknowledged</source>
        <translation>%1 Warnungen bestätigt</translation>
    </message>
    <message>
        <source>No open alerts</source>
        <translation>Keine offenen Warnungen</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) acknowledged</source>
        <translation>
            <numerusform>%n Warnung bestätigt</numerusform>
            <numerusform>%n Warnungen bestätigt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, most drifting first by %2</source>
        <translation>%1, am stärksten driftende zuerst nach %2</translation>
    </message>
    <message>
        <source>%1, newest first</source>
        <translation>%1, neueste zuerst</translation>
    </message>
    <message>
        <source>the window of alert %1 (samples %2–%3), most drifting first by %4</source>
        <translation>Fenster der Warnung %1 (Bilder %2–%3), am stärksten driftende zuerst nach %4</translation>
    </message>
    <message>
        <source>Still ordering the last window&apos;s samples…</source>
        <translation>Die Bilder des letzten Fensters werden noch sortiert…</translation>
    </message>
    <message>
        <source>Ordering the window&apos;s samples by drift…</source>
        <translation>Die Bilder des Fensters werden nach Drift sortiert…</translation>
    </message>
    <message>
        <source>The window&apos;s samples cannot be read: %1</source>
        <translation>Die Bilder des Fensters können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>That window holds no samples any more</source>
        <translation>Dieses Fenster enthält keine Bilder mehr</translation>
    </message>
</context>
<context>
    <name>mlwb::PerClassTable</name>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Click a column header to sort; double-click a class to see its images</source>
        <translation>Spaltenkopf anklicken zum Sortieren; Klasse doppelklicken, um ihre Bilder zu sehen</translation>
    </message>
</context>
<context>
    <name>mlwb::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>A new language takes effect when mlwb is started again.</source>
        <translation>Eine neue Sprache wird beim nächsten Start von mlwb wirksam.</translation>
    </message>
</context>
<context>
    <name>mlwb::PromoteJob</name>
    <message>
        <source>Promote model %1</source>
        <translation>Modell %1 in Produktion übernehmen</translation>
    </message>
    <message>
        <source>checking the gates</source>
        <translation>Schwellen werden geprüft</translation>
    </message>
</context>
<context>
    <name>mlwb::QueueEntryDialog</name>
    <message>
        <source>Edit Queued Run %1</source>
        <translation>Lauf %1 in der Warteschlange bearbeiten</translation>
    </message>
    <message>
        <source>Higher priorities run first; equal priorities in the order they were added</source>
        <translation>Höhere Priorität läuft zuerst; gleiche Priorität in der Reihenfolge des Hinzufügens</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorität:</translation>
    </message>
    <message>
        <source>Choose a data set.</source>
        <translation>Datensatz wählen.</translation>
    </message>
</context>
<context>
    <name>mlwb::QueueGridDialog</name>
    <message>
        <source>Add Runs to the Queue</source>
        <translation>Läufe zur Warteschlange hinzufügen</translation>
    </message>
    <message>
        <source>%1 (%2) — %3 train / %4 test</source>
        <translation>%1 (%2) — %3 Training / %4 Test</translation>
    </message>
    <message>
        <source>%1 — %2 parameters</source>
        <translation>%1 — %2 Parameter</translation>
    </message>
    <message>
        <source>%1 (spec file)</source>
        <translation>%1 (Spezifikationsdatei)</translation>
    </message>
    <message>
        <source>values separated by commas</source>
        <translation>Werte durch Kommas getrennt</translation>
    </message>
    <message>
        <source>For example: 0.001, 0.003, 0.01</source>
        <translation>Zum Beispiel: 0.001, 0.003, 0.01</translation>
    </message>
    <message>
        <source>Higher priorities run first; equal priorities in the order they were added</source>
        <translation>Höhere Priorität läuft zuerst; gleiche Priorität in der Reihenfolge des Hinzufügens</translation>
    </message>
    <message>
        <source>Data set versions</source>
        <translation>Datensatzversionen</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Hyper-parameters (every combination)</source>
        <translation>Hyperparameter (jede Kombination)</translation>
    </message>
    <message>
        <source>&amp;Learning rates:</source>
        <translation>&amp;Lernraten:</translation>
    </message>
    <message>
        <source>&amp;Batch sizes:</source>
        <translation>&amp;Batchgrößen:</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>&amp;Epochen:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorität:</translation>
    </message>
    <message>
        <source>Optimizer, schedule, augmentation, seed and threads come from the Train page&apos;s form.</source>
        <translation>Optimierer, Zeitplan, Augmentierung, Seed und Threads kommen aus dem Formular der Seite „Trainieren“.</translation>
    </message>
    <message>
        <source>Learning rates: “%1” is not a number.</source>
        <translation>Lernraten: „%1“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>Batch sizes: “%1” is not a whole number.</source>
        <translation>Batchgrößen: „%1“ ist keine ganze Zahl.</translation>
    </message>
    <message>
        <source>Epochs: “%1” is not a whole number.</source>
        <translation>Epochen: „%1“ ist keine ganze Zahl.</translation>
    </message>
    <message numerus="yes">
        <source>data sets × models × hyper-parameter sets: %1 × %2 × %3 = %n run(s)</source>
        <translation>
            <numerusform>Datensätze × Modelle × Hyperparameter-Sätze: %1 × %2 × %3 = %n Lauf</numerusform>
            <numerusform>Datensätze × Modelle × Hyperparameter-Sätze: %1 × %2 × %3 = %n Läufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n Run(s)</source>
        <translation>
            <numerusform>%n Lauf hinzufügen</numerusform>
            <numerusform>%n Läufe hinzufügen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlwb::QueuePanel</name>
    <message>
        <source>Runs start one at a time: higher priority first, then in the order they were added</source>
        <translation>Läufe starten nacheinander: höhere Priorität zuerst, dann in der Reihenfolge des Hinzufügens</translation>
    </message>
    <message>
        <source>Add Current</source>
        <translation>Einreihen</translation>
    </message>
    <message>
        <source>Queue the form&apos;s data set and settings as one run (Ctrl+Shift+Return)</source>
        <translation>Datensatz und Einstellungen des Formulars als einen Lauf einreihen (Strg+Umschalt+Return)</translation>
    </message>
    <message>
        <source>Add Grid…</source>
        <translation>Raster…</translation>
    </message>
    <message>
        <source>Queue data sets × models × hyper-parameter values (Ctrl+G)</source>
        <translation>Datensätze × Modelle × Hyperparameter-Werte einreihen (Strg+G)</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Halten</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Clear Finished</source>
        <translation>Fertige löschen</translation>
    </message>
    <message>
        <source>Pause Queue</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>A paused queue starts no new run; the running one goes on (Ctrl+Shift+P)</source>
        <translation>Eine angehaltene Warteschlange startet keinen neuen Lauf; der laufende wird fortgesetzt (Strg+Umschalt+P)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Choose a data set to train on (ingest one on the Data page first).</source>
        <translation>Datensatz zum Trainieren wählen (zuerst einen auf der Seite „Daten“ importieren).</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Freigeben</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wartet</numerusform>
            <numerusform>%n warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n held</source>
        <translation>
            <numerusform>%n zurückgehalten</numerusform>
            <numerusform>%n zurückgehalten</numerusform>
        </translation>
    </message>
    <message>
        <source>entry %1 running</source>
        <translation>Eintrag %1 läuft</translation>
    </message>
    <message>
        <source>paused: no new run starts</source>
        <translation>angehalten: kein neuer Lauf startet</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>speichert…</translation>
    </message>
</context>
<context>
    <name>mlwb::QueueTableModel</name>
    <message>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>held</source>
        <translation>zurückgehalten</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
</context>
<context>
    <name>mlwb::RetrainDialog</name>
    <message>
        <source>&amp;Fine-tune the production model (its weights, 2 epochs)</source>
        <translation>&amp;Fine-Tuning des Produktionsmodells (seine Gewichte, 2 Epochen)</translation>
    </message>
    <message>
        <source>Train from &amp;scratch with the production model&apos;s settings</source>
        <translation>Training &amp;von Grund auf mit den Einstellungen des Produktionsmodells</translation>
    </message>
    <message>
        <source>Retrain on the labeled samples</source>
        <translation>Auf den beschrifteten Bildern neu trainieren</translation>
    </message>
    <message>
        <source>Build a data set from the labeled samples</source>
        <translation>Datensatz aus den beschrifteten Bildern erstellen</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source> ×</source>
        <translation> ×</translation>
    </message>
    <message>
        <source>Copies of each labeled sample in the training split. Automatic: production makes about a tenth of the training images</source>
        <translation>Kopien jedes beschrifteten Bildes im Trainingsanteil. Automatisch: Produktionsbilder machen etwa ein Zehntel der Trainingsbilder aus</translation>
    </message>
    <message>
        <source>The share of labeled samples held back as the production test split; a sample stays on its side in every build</source>
        <translation>Der Anteil der beschrifteten Bilder, der als Produktions-Testanteil zurückgehalten wird; ein Bild bleibt bei jedem Erstellen auf seiner Seite</translation>
    </message>
    <message>
        <source>Builds a data set version from the production model&apos;s data set and the labeled samples, trains a new model on it and compares it with production on both test splits. Promotion stays your decision.</source>
        <translation>Erstellt eine Datensatzversion aus dem Datensatz des Produktionsmodells und den beschrifteten Bildern, trainiert darauf ein neues Modell und vergleicht es auf beiden Testanteilen mit der Produktion. Die Übernahme in die Produktion bleibt Ihre Entscheidung.</translation>
    </message>
    <message>
        <source>Builds a data set version from the production model&apos;s data set and the labeled samples (and a version of the held-back samples alone).</source>
        <translation>Erstellt eine Datensatzversion aus dem Datensatz des Produktionsmodells und den beschrifteten Bildern (und eine Version nur aus den zurückgehaltenen Bildern).</translation>
    </message>
    <message>
        <source>Start from:</source>
        <translation>Vorgehen:</translation>
    </message>
    <message>
        <source>Production &amp;weight:</source>
        <translation>Produktions&amp;gewichtung:</translation>
    </message>
    <message>
        <source>&amp;Test fraction:</source>
        <translation>&amp;Testanteil:</translation>
    </message>
    <message>
        <source>Retrain</source>
        <translation>Neu trainieren</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>Erstellen</translation>
    </message>
</context>
<context>
    <name>mlwb::RetrainJob</name>
    <message>
        <source>Fine-tune on production samples</source>
        <translation>Fine-Tuning auf Produktionsbildern</translation>
    </message>
    <message>
        <source>Retrain on production samples</source>
        <translation>Auf Produktionsbildern neu trainieren</translation>
    </message>
    <message>
        <source>building the data set</source>
        <translation>Datensatz wird erstellt</translation>
    </message>
    <message>
        <source>comparing with production</source>
        <translation>wird mit der Produktion verglichen</translation>
    </message>
</context>
<context>
    <name>mlwb::RetrainOutcome</name>
    <message>
        <source>%1 %2 from %3 %4: %5 labeled samples × %6 in training, %7 held back for testing</source>
        <translation>%1 %2 aus %3 %4: %5 beschriftete Bilder × %6 im Training, %7 zum Testen zurückgehalten</translation>
    </message>
    <message>
        <source>, %1 corrected labels</source>
        <translation>, %1 korrigierte Labels</translation>
    </message>
    <message>
        <source>, %1 “not a digit” left out</source>
        <translation>, %1 „keine Ziffer“ ausgelassen</translation>
    </message>
    <message>
        <source>, %1 that do not fit the base left out</source>
        <translation>, %1 ausgelassen, die nicht zur Basis passen</translation>
    </message>
    <message>
        <source> (stored already)</source>
        <translation> (bereits gespeichert)</translation>
    </message>
    <message>
        <source>&amp;Promote…</source>
        <translation>&amp;Übernehmen…</translation>
    </message>
    <message>
        <source>Open in E&amp;valuate</source>
        <translation>In „Auswerten“ ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Make the new model the production model if it passes the promotion gates (Ctrl+P)</source>
        <translation>Das neue Modell zum Produktionsmodell machen, wenn es die Schwellen für die Produktion erfüllt (Strg+P)</translation>
    </message>
    <message>
        <source>Show the new model on the Evaluate page (Ctrl+Shift+E)</source>
        <translation>Das neue Modell auf der Seite „Auswerten“ zeigen (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <source>Build a data set or retrain to see how a model trained on the labels compares with production.</source>
        <translation>Einen Datensatz erstellen oder neu trainieren, um zu sehen, wie ein auf den Labels trainiertes Modell im Vergleich zur Produktion abschneidet.</translation>
    </message>
    <message>
        <source>Built %1</source>
        <translation>Erstellt: %1</translation>
    </message>
    <message>
        <source>Model %1, trained on %2, against production (model %3):</source>
        <translation>Modell %1, trainiert auf %2, gegen die Produktion (Modell %3):</translation>
    </message>
    <message>
        <source>%1, %2 images</source>
        <translation>%1, %2 Bilder</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Macro-F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Base test</source>
        <translation>Basis-Testanteil</translation>
    </message>
    <message>
        <source>Production test</source>
        <translation>Produktions-Testanteil</translation>
    </message>
</context>
<context>
    <name>mlwb::RobustnessView</name>
    <message>
        <source>No robustness results to show.</source>
        <translation>Keine Robustheitsergebnisse anzuzeigen.</translation>
    </message>
    <message>
        <source>Accuracy under corruptions</source>
        <translation>Genauigkeit unter Störungen</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>ungestört</translation>
    </message>
    <message>
        <source>No test images to show.</source>
        <translation>Keine Testbilder anzuzeigen.</translation>
    </message>
    <message>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>(or click a curve)</source>
        <translation>(oder eine Kurve anklicken)</translation>
    </message>
    <message>
        <source>Test images under</source>
        <translation>Testbilder, gestört durch</translation>
    </message>
    <message>
        <source>Gaussian noise</source>
        <translation>Gaußsches Rauschen</translation>
    </message>
    <message>
        <source>Blur</source>
        <translation>Unschärfe</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Verschiebung</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>Kontrast</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>Rotation</translation>
    </message>
    <message>
        <source>σ %1</source>
        <translation>σ %1</translation>
    </message>
    <message>
        <source>σ %1 px</source>
        <translation>σ %1 px</translation>
    </message>
    <message>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message>
        <source>factor %1</source>
        <translation>Faktor %1</translation>
    </message>
    <message>
        <source>%1°</source>
        <translation>%1°</translation>
    </message>
    <message>
        <source>%1, clean images: accuracy %2</source>
        <translation>%1, ungestörte Bilder: Genauigkeit %2</translation>
    </message>
    <message>
        <source>%1 %2: accuracy %3</source>
        <translation>%1 %2: Genauigkeit %3</translation>
    </message>
</context>
<context>
    <name>mlwb::RunTableModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Val. accuracy</source>
        <translation>Val.-Genauigkeit</translation>
    </message>
    <message>
        <source>Test macro-F1</source>
        <translation>Test-Makro-F1</translation>
    </message>
    <message>
        <source>Model id</source>
        <translation>Modell-ID</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>eingereiht</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
</context>
<context>
    <name>mlwb::SampleBrowser</name>
    <message>
        <source>Train and test</source>
        <translation>Training und Test</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>Klasse:</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>Teilmenge:</translation>
    </message>
    <message>
        <source>Select a data set version to browse its images,
or import one with Import… (Ctrl+I).</source>
        <translation>Datensatzversion wählen, um ihre Bilder zu durchsuchen,
oder eine mit „Importieren…“ (Strg+I) importieren.</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Alle Klassen</translation>
    </message>
    <message>
        <source>%L1 of %L2 images</source>
        <translation>%L1 von %L2 Bildern</translation>
    </message>
    <message>
        <source>Image %1</source>
        <translation>Bild %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; image #%2 &amp;nbsp; (%3)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; Bild #%2 &amp;nbsp; (%3)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
</context>
<context>
    <name>mlwb::SampleLabelView</name>
    <message>
        <source>Not a digit</source>
        <translation>Keine Ziffer</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>The image as it arrived</source>
        <translation>Das Bild, wie es ankam</translation>
    </message>
    <message>
        <source>The exact input the model saw, one square per pixel</source>
        <translation>Genau die Eingabe, die das Modell sah, ein Quadrat pro Pixel</translation>
    </message>
    <message>
        <source>Accept the model&apos;s guess and go to the next image (Space)</source>
        <translation>Die Vermutung des Modells annehmen und zum nächsten Bild gehen (Leertaste)</translation>
    </message>
    <message>
        <source>Not a digit: keep it out of every data set (X)</source>
        <translation>Keine Ziffer: aus allen Datensätzen heraushalten (X)</translation>
    </message>
    <message>
        <source>Leave it unlabeled and go to the next image (S)</source>
        <translation>Unbeschriftet lassen und zum nächsten Bild gehen (S)</translation>
    </message>
    <message>
        <source>The original image cannot be read</source>
        <translation>Das Originalbild kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>original, %1×%2</source>
        <translation>Original, %1×%2</translation>
    </message>
    <message>
        <source>0–9 label · Space accept · S skip · X not a digit · ← → step · Ctrl+Z undo · G grid</source>
        <translation>0–9 beschriften · Leertaste annehmen · S überspringen · X keine Ziffer · ← → blättern · Strg+Z rückgängig · G Raster</translation>
    </message>
    <message>
        <source>model input, %1×%2</source>
        <translation>Modelleingabe, %1×%2</translation>
    </message>
    <message>
        <source>image #%1, %2×%3</source>
        <translation>Bild #%1, %2×%3</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>wird gelesen…</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; von %2</translation>
    </message>
    <message>
        <source>image #%1 of data set %2</source>
        <translation>Bild #%1 aus Datensatz %2</translation>
    </message>
    <message>
        <source>recorded label &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>hinterlegtes Label &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>corrected to &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>korrigiert zu &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>%1 behalten</translation>
    </message>
    <message>
        <source>The recorded label is right: no correction (Space)</source>
        <translation>Das hinterlegte Label stimmt: keine Korrektur (Leertaste)</translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation>Bild %1</translation>
    </message>
    <message>
        <source>model %1 guesses &lt;b&gt;%2&lt;/b&gt; (%3 %)</source>
        <translation>Modell %1 vermutet &lt;b&gt;%2&lt;/b&gt; (%3 %)</translation>
    </message>
    <message>
        <source>the candidate guesses &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>der Kandidat vermutet &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>labeled &lt;b&gt;not a digit&lt;/b&gt;</source>
        <translation>beschriftet als &lt;b&gt;keine Ziffer&lt;/b&gt;</translation>
    </message>
    <message>
        <source>labeled &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>beschriftet als &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Accept %1</source>
        <translation>%1 annehmen</translation>
    </message>
</context>
<context>
    <name>mlwb::SampleModel</name>
    <message>
        <source>#%1 · %2 · %3</source>
        <translation>#%1 · %2 · %3</translation>
    </message>
    <message>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
</context>
<context>
    <name>mlwb::SampleZoomDialog</name>
    <message>
        <source>Image #%1 — %2</source>
        <translation>Bild #%1 — %2</translation>
    </message>
    <message>
        <source>Image #%1 — %2 → %3</source>
        <translation>Bild #%1 — %2 → %3</translation>
    </message>
    <message>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>True class: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Predicted: &lt;b&gt;%2&lt;/b&gt; with probability %3&lt;br&gt;Image #%4 %5</source>
        <translation>Wahre Klasse: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Vorhergesagt: &lt;b&gt;%2&lt;/b&gt; mit Wahrscheinlichkeit %3&lt;br&gt;Bild #%4 %5</translation>
    </message>
    <message>
        <source>(true)</source>
        <translation>(wahr)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Class probabilities&lt;/b&gt;</source>
        <translation>&lt;b&gt;Klassenwahrscheinlichkeiten&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>mlwb::SensorPage</name>
    <message>
        <source>&amp;Open image…</source>
        <translation>Bild ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Capture</source>
        <translation>&amp;Erfassen</translation>
    </message>
    <message>
        <source>The model that answers: the production model, or any other version to try</source>
        <translation>Das Modell, das antwortet: das Produktionsmodell oder eine beliebige andere Version zum Ausprobieren</translation>
    </message>
    <message>
        <source>Open a PNG or JPEG picture of a digit as the drawing (Ctrl+O); dropping a file on the canvas does the same</source>
        <translation>Ein PNG- oder JPEG-Bild einer Ziffer als Zeichnung öffnen (Strg+O); eine Datei auf der Zeichenfläche abzulegen bewirkt dasselbe</translation>
    </message>
    <message>
        <source>Store the drawing and the model&apos;s answer as a production sample (Enter); then a digit key gives its true class</source>
        <translation>Zeichnung und Antwort des Modells als Produktionsbild speichern (Enter); danach gibt eine Zifferntaste seine wahre Klasse an</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>Stroke width at full pen pressure</source>
        <translation>Strichbreite bei vollem Stiftdruck</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Take the last stroke back (Ctrl+Z)</source>
        <translation>Den letzten Strich zurücknehmen (Strg+Z)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Clear the canvas (Esc)</source>
        <translation>Zeichenfläche leeren (Esc)</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Breite:</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>Zeichnung</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>Sensor</translation>
    </message>
    <message>
        <source>Exactly what the model gets: the sensor&apos;s output, preprocessed MNIST-style to 28×28</source>
        <translation>Genau das, was das Modell erhält: die Ausgabe des Sensors, nach MNIST-Art auf 28×28 vorverarbeitet</translation>
    </message>
    <message>
        <source>The most probable class</source>
        <translation>Die wahrscheinlichste Klasse</translation>
    </message>
    <message>
        <source>From the input to the answer on screen</source>
        <translation>Von der Eingabe bis zur Antwort auf dem Bildschirm</translation>
    </message>
    <message>
        <source>Model input</source>
        <translation>Modelleingabe</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>Vorhersage</translation>
    </message>
    <message>
        <source>Sensor stages</source>
        <translation>Sensorstufen</translation>
    </message>
    <message>
        <source>Captures</source>
        <translation>Erfasste Bilder</translation>
    </message>
    <message>
        <source>Watched folder</source>
        <translation>Überwachter Ordner</translation>
    </message>
    <message>
        <source>The model cannot be loaded:
%1</source>
        <translation>Das Modell kann nicht geladen werden:
%1</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>Eine Ziffer zeichnen</translation>
    </message>
    <message>
        <source>Production — model %1 (%2)</source>
        <translation>Produktion — Modell %1 (%2)</translation>
    </message>
    <message>
        <source>Production (none yet)</source>
        <translation>Produktion (noch keines)</translation>
    </message>
    <message>
        <source>Model %1 — %2, macro-F1 %3</source>
        <translation>Modell %1 — %2, Makro-F1 %3</translation>
    </message>
    <message>
        <source>No model in production: promote one on the Models page</source>
        <translation>Kein Modell in Produktion: eines auf der Seite „Modelle“ übernehmen</translation>
    </message>
    <message>
        <source>loading model %1…</source>
        <translation>Modell %1 wird geladen…</translation>
    </message>
    <message>
        <source>Model %1 takes %2×%3×%4 images; the canvas makes 1×28×28 grey digits. Choose another model.</source>
        <translation>Modell %1 erwartet Bilder mit %2×%3×%4; die Zeichenfläche erzeugt graue Ziffern mit 1×28×28. Ein anderes Modell wählen.</translation>
    </message>
    <message>
        <source>model %1 answers</source>
        <translation>Modell %1 antwortet</translation>
    </message>
    <message>
        <source>%1 % sure</source>
        <translation>%1 % sicher</translation>
    </message>
    <message>
        <source>answered in %1 ms</source>
        <translation>Antwort in %1 ms</translation>
    </message>
    <message>
        <source>Draw a digit first, then press Enter to capture it.</source>
        <translation>Zuerst eine Ziffer zeichnen, dann Enter drücken, um sie zu erfassen.</translation>
    </message>
    <message>
        <source>Not captured</source>
        <translation>Nicht erfasst</translation>
    </message>
    <message>
        <source>capturing…</source>
        <translation>wird erfasst…</translation>
    </message>
    <message>
        <source>not captured: %1</source>
        <translation>nicht erfasst: %1</translation>
    </message>
    <message>
        <source>captured as sample %1: press a digit key for its true class</source>
        <translation>als Bild %1 erfasst: Zifferntaste für seine wahre Klasse drücken</translation>
    </message>
    <message>
        <source>sample %1 labelled %2</source>
        <translation>Bild %1 als %2 beschriftet</translation>
    </message>
    <message>
        <source>Cannot open the image</source>
        <translation>Bild kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 is not a PNG or JPEG image that can be read.</source>
        <translation>%1 ist kein lesbares PNG- oder JPEG-Bild.</translation>
    </message>
    <message>
        <source>%1 opened</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Open a picture of a digit</source>
        <translation>Bild einer Ziffer öffnen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp)</translation>
    </message>
</context>
<context>
    <name>mlwb::SensorPanel</name>
    <message>
        <source>New &amp;frame</source>
        <translation>&amp;Neues Einzelbild</translation>
    </message>
    <message>
        <source>Clean</source>
        <translation>Ungestört</translation>
    </message>
    <message>
        <source>Cheap webcam</source>
        <translation>Billige Webcam</translation>
    </message>
    <message>
        <source>Noisy</source>
        <translation>Verrauscht</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigene</translation>
    </message>
    <message>
        <source>A ready-made sensor; change any value below to make your own</source>
        <translation>Ein fertiger Sensor; einen beliebigen Wert unten ändern, um einen eigenen zu erstellen</translation>
    </message>
    <message>
        <source>Take the next frame: the same sensor with new noise and defects (Ctrl+F)</source>
        <translation>Nächstes Einzelbild: derselbe Sensor mit neuem Rauschen und neuen Defekten (Strg+F)</translation>
    </message>
    <message>
        <source>Noise and defects are drawn anew for each frame; the same frame gives the same image</source>
        <translation>Rauschen und Defekte werden für jedes Einzelbild neu gezogen; dasselbe Einzelbild ergibt dasselbe Bild</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>&amp;Voreinstellung:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Blur σ</source>
        <translation>Unschärfe σ</translation>
    </message>
    <message>
        <source>Out of focus: the lens&apos;s point-spread function, σ in sensor pixels</source>
        <translation>Unscharf: die Punktspreizfunktion des Objektivs, σ in Sensorpixeln</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>Rotation</translation>
    </message>
    <message>
        <source>The sensor turned about the centre (counter-clockwise)</source>
        <translation>Drehung des Sensors um die Mitte (gegen den Uhrzeigersinn)</translation>
    </message>
    <message>
        <source>°</source>
        <translation>°</translation>
    </message>
    <message>
        <source>Shift x</source>
        <translation>Verschiebung x</translation>
    </message>
    <message>
        <source>Sub-pixel shift to the right, in sensor pixels</source>
        <translation>Subpixel-Verschiebung nach rechts, in Sensorpixeln</translation>
    </message>
    <message>
        <source>Shift y</source>
        <translation>Verschiebung y</translation>
    </message>
    <message>
        <source>Sub-pixel shift downwards, in sensor pixels</source>
        <translation>Subpixel-Verschiebung nach unten, in Sensorpixeln</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <source>Sensor pixels per side; the model input is made 28×28 again afterwards</source>
        <translation>Sensorpixel pro Seite; die Modelleingabe wird danach wieder auf 28×28 gebracht</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>Verstärkung</translation>
    </message>
    <message>
        <source>Amplification of the signal: v·gain</source>
        <translation>Verstärkung des Signals: v·Verstärkung</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>Kontrast</translation>
    </message>
    <message>
        <source>Contrast around mid-grey: 0.5 + contrast·(v − 0.5)</source>
        <translation>Kontrast um das mittlere Grau: 0,5 + Kontrast·(v − 0,5)</translation>
    </message>
    <message>
        <source>Shot noise</source>
        <translation>Schrotrauschen</translation>
    </message>
    <message>
        <source>Signal-dependent noise: σ = shot·√v (of full scale)</source>
        <translation>Signalabhängiges Rauschen: σ = Schrot·√v (bezogen auf den Vollausschlag)</translation>
    </message>
    <message>
        <source>Read noise</source>
        <translation>Ausleserauschen</translation>
    </message>
    <message>
        <source>Noise of the read-out, the same everywhere: σ of full scale</source>
        <translation>Rauschen beim Auslesen, überall gleich: σ bezogen auf den Vollausschlag</translation>
    </message>
    <message>
        <source>Dead pixels</source>
        <translation>Tote Pixel</translation>
    </message>
    <message>
        <source>Share of pixels that always read black</source>
        <translation>Anteil der Pixel, die immer Schwarz liefern</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Hot pixels</source>
        <translation>Heiße Pixel</translation>
    </message>
    <message>
        <source>Share of pixels that always read white</source>
        <translation>Anteil der Pixel, die immer Weiß liefern</translation>
    </message>
    <message>
        <source>Frame %1</source>
        <translation>Einzelbild %1</translation>
    </message>
</context>
<context>
    <name>mlwb::Sidebar</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>mlwb::StageStrip</name>
    <message>
        <source>1 optics</source>
        <translation>1 Optik</translation>
    </message>
    <message>
        <source>2 pose</source>
        <translation>2 Lage</translation>
    </message>
    <message>
        <source>3 sampling</source>
        <translation>3 Abtastung</translation>
    </message>
    <message>
        <source>4 response</source>
        <translation>4 Kennlinie</translation>
    </message>
    <message>
        <source>5 noise</source>
        <translation>5 Rauschen</translation>
    </message>
    <message>
        <source>6 defects</source>
        <translation>6 Defekte</translation>
    </message>
    <message>
        <source>7 output</source>
        <translation>7 Ausgabe</translation>
    </message>
    <message>
        <source>The lens blurs the drawing (point-spread function)</source>
        <translation>Das Objektiv macht die Zeichnung unscharf (Punktspreizfunktion)</translation>
    </message>
    <message>
        <source>The sensor sits turned and shifted</source>
        <translation>Der Sensor sitzt gedreht und verschoben</translation>
    </message>
    <message>
        <source>Each sensor pixel averages the light that falls on it</source>
        <translation>Jedes Sensorpixel mittelt das Licht, das darauf fällt</translation>
    </message>
    <message>
        <source>Gain and contrast of the read-out</source>
        <translation>Verstärkung und Kontrast beim Auslesen</translation>
    </message>
    <message>
        <source>Shot noise (grows with the light) and read noise</source>
        <translation>Schrotrauschen (wächst mit dem Licht) und Ausleserauschen</translation>
    </message>
    <message>
        <source>Dead pixels stay black, hot pixels stay white</source>
        <translation>Tote Pixel bleiben schwarz, heiße Pixel bleiben weiß</translation>
    </message>
    <message>
        <source>Clamped and quantised to 8 bits: what the camera delivers</source>
        <translation>Begrenzt und auf 8 Bit quantisiert: was die Kamera liefert</translation>
    </message>
</context>
<context>
    <name>mlwb::StatisticTableModel</name>
    <message>
        <source>not tested (no embeddings or images)</source>
        <translation>nicht getestet (keine Embeddings oder Bilder)</translation>
    </message>
    <message>
        <source>not tested (too few samples)</source>
        <translation>nicht getestet (zu wenige Bilder)</translation>
    </message>
    <message>
        <source>⚠ drift</source>
        <translation>⚠ Drift</translation>
    </message>
    <message>
        <source>no drift</source>
        <translation>keine Drift</translation>
    </message>
    <message>
        <source>Statistic</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>p-value</source>
        <translation>p-Wert</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Befund</translation>
    </message>
</context>
<context>
    <name>mlwb::StatisticText</name>
    <message>
        <source>embeddings (MMD)</source>
        <translation>Embeddings (MMD)</translation>
    </message>
    <message>
        <source>softmax outputs (KS)</source>
        <translation>Softmax-Ausgaben (KS)</translation>
    </message>
    <message>
        <source>brightness</source>
        <translation>Helligkeit</translation>
    </message>
    <message>
        <source>contrast</source>
        <translation>Kontrast</translation>
    </message>
    <message>
        <source>ink area</source>
        <translation>Tintenfläche</translation>
    </message>
    <message>
        <source>sharpness</source>
        <translation>Schärfe</translation>
    </message>
    <message>
        <source>predicted classes (χ²)</source>
        <translation>vorhergesagte Klassen (χ²)</translation>
    </message>
    <message>
        <source>confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Maximum mean discrepancy of the model&apos;s penultimate-layer embeddings (Gaussian kernel, permutation test): do the inputs look alike to the model?</source>
        <translation>Maximum Mean Discrepancy der Embeddings aus der vorletzten Schicht des Modells (Gauß-Kern, Permutationstest): Sehen die Eingaben für das Modell gleich aus?</translation>
    </message>
    <message>
        <source>Kolmogorov–Smirnov test of each class&apos;s probability, Bonferroni-corrected over the classes (black-box shift detection)</source>
        <translation>Kolmogorow-Smirnow-Test der Wahrscheinlichkeit jeder Klasse, Bonferroni-korrigiert über die Klassen (Black-Box Shift Detection)</translation>
    </message>
    <message>
        <source>Kolmogorov–Smirnov test of the inputs&apos; mean brightness</source>
        <translation>Kolmogorow-Smirnow-Test der mittleren Helligkeit der Eingaben</translation>
    </message>
    <message>
        <source>Kolmogorov–Smirnov test of the inputs&apos; contrast</source>
        <translation>Kolmogorow-Smirnow-Test des Kontrasts der Eingaben</translation>
    </message>
    <message>
        <source>Kolmogorov–Smirnov test of the inputs&apos; ink area</source>
        <translation>Kolmogorow-Smirnow-Test der Tintenfläche der Eingaben</translation>
    </message>
    <message>
        <source>Kolmogorov–Smirnov test of the inputs&apos; sharpness</source>
        <translation>Kolmogorow-Smirnow-Test der Schärfe der Eingaben</translation>
    </message>
    <message>
        <source>χ² test of the predicted classes&apos; counts against the reference&apos;s</source>
        <translation>χ²-Test der Häufigkeiten der vorhergesagten Klassen gegen die der Referenz</translation>
    </message>
    <message>
        <source>Kolmogorov–Smirnov test of the model&apos;s top probability</source>
        <translation>Kolmogorow-Smirnow-Test der Top-Wahrscheinlichkeit des Modells</translation>
    </message>
    <message>
        <source>window %1 (samples %2–%3)</source>
        <translation>Fenster %1 (Bilder %2–%3)</translation>
    </message>
</context>
<context>
    <name>mlwb::TrainJob</name>
    <message>
        <source>Resume run %1</source>
        <translation>Lauf %1 fortsetzen</translation>
    </message>
    <message>
        <source>Train %1</source>
        <translation>%1 trainieren</translation>
    </message>
    <message>
        <source>run %1 has finished already; nothing to resume</source>
        <translation>Lauf %1 ist bereits abgeschlossen; nichts fortzusetzen</translation>
    </message>
    <message>
        <source>run %1 is being trained by process %2</source>
        <translation>Lauf %1 wird von Prozess %2 trainiert</translation>
    </message>
    <message>
        <source>loading data set %1</source>
        <translation>Datensatz %1 wird geladen</translation>
    </message>
    <message>
        <source>run %1, epoch %2/%3</source>
        <translation>Lauf %1, Epoche %2/%3</translation>
    </message>
    <message>
        <source>, %1 images/s</source>
        <translation>, %1 Bilder/s</translation>
    </message>
    <message>
        <source>evaluating run %1 on the test split</source>
        <translation>Lauf %1 wird auf dem Testanteil ausgewertet</translation>
    </message>
    <message>
        <source>evaluating</source>
        <translation>wird ausgewertet</translation>
    </message>
</context>
<context>
    <name>mlwb::TrainPage</name>
    <message>
        <source>&amp;Runs</source>
        <translation>Lä&amp;ufe</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Start training (Ctrl+Return)</source>
        <translation>Training starten (Strg+Return)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Pause or resume the training (Ctrl+P)</source>
        <translation>Training pausieren oder fortsetzen (Strg+P)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the training; the run keeps its last checkpoint (Esc)</source>
        <translation>Training beenden; der Lauf behält seinen letzten Checkpoint (Esc)</translation>
    </message>
    <message>
        <source>Choose a data set and a model, then Start.</source>
        <translation>Datensatz und Modell wählen, dann „Starten“.</translation>
    </message>
    <message>
        <source>Check runs to draw their curves</source>
        <translation>Läufe ankreuzen, um ihre Kurven zu zeichnen</translation>
    </message>
    <message>
        <source>Resume selected run</source>
        <translation>Gewählten Lauf fortsetzen</translation>
    </message>
    <message>
        <source>A training is running; wait for it or cancel it first.</source>
        <translation>Ein Training läuft; zuerst abwarten oder abbrechen.</translation>
    </message>
    <message>
        <source>Choose a data set to train on (ingest one on the Data page first).</source>
        <translation>Datensatz zum Trainieren wählen (zuerst einen auf der Seite „Daten“ importieren).</translation>
    </message>
    <message>
        <source>Run %1 is %2; only a stopped run can be resumed.</source>
        <translation>Lauf %1 hat den Status „%2“; nur ein gestoppter Lauf kann fortgesetzt werden.</translation>
    </message>
    <message>
        <source>There is no run %1.</source>
        <translation>Es gibt keinen Lauf %1.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Paused — %1</source>
        <translation>Pausiert — %1</translation>
    </message>
    <message>
        <source>Run %1 cancelled; it can be resumed from its last checkpoint.</source>
        <translation>Lauf %1 abgebrochen; er kann ab seinem letzten Checkpoint fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Run %1 failed.</source>
        <translation>Lauf %1 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The training could not start.</source>
        <translation>Das Training konnte nicht starten.</translation>
    </message>
    <message>
        <source>Paused — Ctrl+P continues.</source>
        <translation>Pausiert — Strg+P setzt fort.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>No runs yet.</source>
        <translation>Noch keine Läufe.</translation>
    </message>
    <message>
        <source>Select a run to see its results.</source>
        <translation>Lauf wählen, um seine Ergebnisse zu sehen.</translation>
    </message>
    <message>
        <source>Run %1 · %2 · %3 on %4 · epochs %5</source>
        <translation>Lauf %1 · %2 · %3 auf %4 · Epochen %5</translation>
    </message>
    <message>
        <source> · validation accuracy %1</source>
        <translation> · Val.-Genauigkeit %1</translation>
    </message>
    <message>
        <source> · test macro-F1 %1 · model %2</source>
        <translation> · Test-Makro-F1 %1 · Modell %2</translation>
    </message>
    <message>
        <source>Run %1 finished in %2 s: test accuracy %3%, macro-F1 %4, model %5.</source>
        <translation>Lauf %1 nach %2 s beendet: Testgenauigkeit %3 %, Makro-F1 %4, Modell %5.</translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation>&amp;Warteschlange</translation>
    </message>
    <message>
        <source>Add to Queue</source>
        <translation>Einreihen</translation>
    </message>
    <message>
        <source>Queue these settings as one run; it starts when the runs before it are done (Ctrl+Shift+Return)</source>
        <translation>Diese Einstellungen als einen Lauf einreihen; er startet, wenn die Läufe davor fertig sind (Strg+Umschalt+Return)</translation>
    </message>
    <message>
        <source>Open Evaluation</source>
        <translation>Auswertung öffnen</translation>
    </message>
    <message>
        <source>The selected run&apos;s model on the Evaluate page: per-class F1, confusion, failures</source>
        <translation>Das Modell des gewählten Laufs auf der Seite „Auswerten“: F1 pro Klasse, Konfusionsmatrix, Fehlklassifikationen</translation>
    </message>
    <message>
        <source>Queue entry %1 could not start: %2</source>
        <translation>Warteschlangeneintrag %1 konnte nicht starten: %2</translation>
    </message>
</context>
<context>
    <name>mlwb::TrainSettingsPanel</name>
    <message>
        <source>%1 — %2 parameters</source>
        <translation>%1 — %2 Parameter</translation>
    </message>
    <message>
        <source>Spec file…</source>
        <translation>Spezifikationsdatei…</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>SGD mit Momentum</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>Konstant</translation>
    </message>
    <message>
        <source>One-cycle</source>
        <translation>One-Cycle</translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation>alle Kerne (%1)</translation>
    </message>
    <message>
        <source> °</source>
        <translation> °</translation>
    </message>
    <message>
        <source>Data and model</source>
        <translation>Daten und Modell</translation>
    </message>
    <message>
        <source>&amp;Data set:</source>
        <translation>Da&amp;tensatz:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;Validation fraction:</source>
        <translation>&amp;Validierungsanteil:</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>Optimierung</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>&amp;Epochen:</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>Batch&amp;größe:</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>&amp;Lernrate:</translation>
    </message>
    <message>
        <source>&amp;Optimizer:</source>
        <translation>&amp;Optimierer:</translation>
    </message>
    <message>
        <source>Mo&amp;mentum:</source>
        <translation>Mome&amp;ntum:</translation>
    </message>
    <message>
        <source>&amp;Weight decay:</source>
        <translation>Weight Deca&amp;y:</translation>
    </message>
    <message>
        <source>Sc&amp;hedule:</source>
        <translation>Ze&amp;itplan:</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>&amp;Seed:</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>Th&amp;reads:</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Augmentierung</translation>
    </message>
    <message>
        <source>&amp;Rotation (±):</source>
        <translation>Rot&amp;ation (±):</translation>
    </message>
    <message>
        <source>&amp;Crop probability:</source>
        <translation>&amp;Zuschnitt-Wahrscheinlichkeit:</translation>
    </message>
    <message>
        <source>&amp;Noise σ:</source>
        <translation>Raus&amp;chen σ:</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 images</source>
        <translation>%1 · %2 · %3 Bilder</translation>
    </message>
    <message>
        <source>%1
%2 classes, %3×%4</source>
        <translation>%1
%2 Klassen, %3×%4</translation>
    </message>
    <message>
        <source>no data set — ingest one on the Data page</source>
        <translation>kein Datensatz — zuerst einen auf der Seite „Daten“ importieren</translation>
    </message>
    <message>
        <source>%1 (spec)</source>
        <translation>%1 (Spezifikation)</translation>
    </message>
    <message>
        <source>Model spec</source>
        <translation>Modellspezifikation</translation>
    </message>
    <message>
        <source>Model specs (*.json)</source>
        <translation>Modellspezifikationen (*.json)</translation>
    </message>
    <message>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <source>bf16 (mixed precision)</source>
        <translation>bf16 (gemischte Präzision)</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>bf16 computes the forward passes in bfloat16, which this CPU does natively; weights, loss and the trained model stay fp32. Automatic chooses bf16 here.</source>
        <translation>bf16 berechnet die Vorwärtsdurchläufe in bfloat16, das diese CPU nativ beherrscht; Gewichte, Verlust und das trainierte Modell bleiben fp32. „Automatisch“ wählt hier bf16.</translation>
    </message>
    <message>
        <source>bf16 computes the forward passes in bfloat16, which this CPU lacks natively: it is likely slower here. Weights, loss and the trained model stay fp32. Automatic chooses fp32 here.</source>
        <translation>bf16 berechnet die Vorwärtsdurchläufe in bfloat16, das diese CPU nicht nativ beherrscht: Es ist hier wahrscheinlich langsamer. Gewichte, Verlust und das trainierte Modell bleiben fp32. „Automatisch“ wählt hier fp32.</translation>
    </message>
    <message>
        <source>Prec&amp;ision:</source>
        <translation>&amp;Präzision:</translation>
    </message>
    <message>
        <source>Fast 99%: lite, 1 epoch, one-cycle, bf16</source>
        <translation>Schnell 99%: lite, 1 Epoche, One-Cycle, bf16</translation>
    </message>
    <message>
        <source>Reaches 99% test accuracy on MNIST in about 7 seconds on two cores: the lite network for one epoch, batch 128, Adam with a one-cycle schedule to 0.02, automatic precision.</source>
        <translation>Erreicht auf MNIST in etwa 7 Sekunden auf zwei Kernen 99% Testgenauigkeit: das lite-Netz für eine Epoche, Batch 128, Adam mit One-Cycle-Zeitplan bis 0,02, automatische Präzision.</translation>
    </message>
    <message>
        <source>Choose to fill in the settings…</source>
        <translation>Auswählen, um die Einstellungen auszufüllen…</translation>
    </message>
    <message>
        <source>R&amp;ecipe:</source>
        <translation>Re&amp;zept:</translation>
    </message>
</context>
<context>
    <name>mlwb::TrainingPlots</name>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>Validierungsgenauigkeit</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>run %1 (raw)</source>
        <translation>Lauf %1 (roh)</translation>
    </message>
</context>
<context>
    <name>mlwb::WindowDistributions</name>
    <message>
        <source>Predicted classes</source>
        <translation>Vorhergesagte Klassen</translation>
    </message>
    <message>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>top probability</source>
        <translation>Top-Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>this window</source>
        <translation>dieses Fenster</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>Referenz</translation>
    </message>
</context>
<context>
    <name>mlwb::WindowTableModel</name>
    <message>
        <source>%1 (filling)</source>
        <translation>%1 (wird gefüllt)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>not tested</source>
        <translation>nicht getestet</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1 of %2 statistics</source>
        <translation>%1 von %2 Statistiken</translation>
    </message>
    <message>
        <source>%1 (p %2)</source>
        <translation>%1 (p %2)</translation>
    </message>
    <message>
        <source>%1 (%2 labeled)</source>
        <translation>%1 (%2 beschriftet)</translation>
    </message>
    <message>
        <source>no labels</source>
        <translation>keine Labels</translation>
    </message>
    <message>
        <source>Fewer samples than a test needs (%1): the window is shown, not tested</source>
        <translation>Weniger Bilder, als ein Test braucht (%1): Das Fenster wird gezeigt, aber nicht getestet</translation>
    </message>
    <message>
        <source>Samples %1–%2. A double-click or Enter opens them in the Label page&apos;s queue, most drifting first.</source>
        <translation>Bilder %1–%2. Ein Doppelklick oder Enter öffnet sie in der Warteschlange der Seite „Beschriften“, am stärksten driftende zuerst.</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Strongest drift</source>
        <translation>Stärkste Drift</translation>
    </message>
    <message>
        <source>Estimated accuracy</source>
        <translation>Geschätzte Genauigkeit</translation>
    </message>
    <message>
        <source>Real accuracy</source>
        <translation>Echte Genauigkeit</translation>
    </message>
</context>
</TS>
