<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>mlwb::AugmentPanel</name>
    <message>
        <source>°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>± </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rotation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crop &amp;probability:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest crop &amp;side:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Noise σ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;huffle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw other images (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a data set version to preview the augmentation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmenting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images #%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlwb::ClassHistogram</name>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlwb::DataPage</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished">Erstellt</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a data set from IDX, npz, PNG or CIFAR-10 files (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished">Aktualisieren</translation>
    </message>
    <message>
        <source>Re-read the list of versions (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Data set versions&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data set in this workspace yet. Import one with Import… (Ctrl+I).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data Sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 + %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1×%2×%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a version to see its details.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 train, %2 test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 × %2 pixels, %n channel(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % of train, seed %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data Set</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlwb::DatasetImporter</name>
    <message>
        <source>T-shirt/top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file or folder to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resize width and height must be at least 1 pixel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlwb::EvaluatePage</name>
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
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Evaluation on the test split&lt;/b&gt;</source>
        <translation>&lt;b&gt;Auswertung auf dem Testanteil&lt;/b&gt;</translation>
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
        <source>No model versions yet.
When a training run ends, its model is evaluated on the test split and the report appears here.</source>
        <translation>Noch keine Modellversionen.
Wenn ein Trainingslauf endet, wird sein Modell auf dem Testanteil ausgewertet und der Bericht erscheint hier.</translation>
    </message>
    <message>
        <source>The evaluation report of this model cannot be read:
%1</source>
        <translation>Der Auswertungsbericht dieses Modells kann nicht gelesen werden:
%1</translation>
    </message>
    <message>
        <source>Model %1 has no stored evaluation report.</source>
        <translation>Für Modell %1 ist kein Auswertungsbericht gespeichert.</translation>
    </message>
    <message>
        <source>evaluation of model %1</source>
        <translation>Auswertung von Modell %1</translation>
    </message>
    <message>
        <source>Accuracy &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; macro-F1 &lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; weighted-F1 &lt;b&gt;%3&lt;/b&gt; &amp;nbsp;·&amp;nbsp; %4 test samples</source>
        <translation>Genauigkeit &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; Makro-F1 &lt;b&gt;%2&lt;/b&gt; &amp;nbsp;·&amp;nbsp; gewichteter F1 &lt;b&gt;%3&lt;/b&gt; &amp;nbsp;·&amp;nbsp; %4 Testbilder</translation>
    </message>
</context>
<context>
    <name>mlwb::HoverTracer</name>
    <message>
        <source>%1 · %2 %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlwb::ImportDialog</name>
    <message>
        <source>Import Data Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detect automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IDX (MNIST files)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NumPy .npz (Keras mnist.npz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG folder + groundtruth.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One folder per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIFAR-10 binary batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder, an .npz file or an IDX images file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data Set Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder or file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resize to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digits 0–9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated, in label order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First images:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled; nothing was stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data set files (*.npz *ubyte *ubyte.gz *.bin);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data Set File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a source to see its first images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview for this source; Import reads it fully.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;%1&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported “%1” as version %2 (%L3 images).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This data is already stored as “%1”, version %2: nothing new was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already Stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlwb::InterruptedRunsBar</name>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n training run(s) stopped without finishing (the process was killed or crashed). They can continue from their last checkpoint.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Resume run %1</source>
        <translation type="unfinished"></translation>
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
    <name>mlwb::LaterPage</name>
    <message>
        <source>This page arrives in a later version of mlwb.</source>
        <translation>Diese Seite kommt in einer späteren Version von mlwb.</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>Sensor</translation>
    </message>
    <message>
        <source>Capture images from a camera or a folder that a device writes into, and let the production model classify them as they arrive.</source>
        <translation>Bilder von einer Kamera oder aus einem Ordner, in den ein Gerät schreibt, erfassen und vom Produktionsmodell klassifizieren lassen, sobald sie eintreffen.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Beschriften</translation>
    </message>
    <message>
        <source>Give the captured production samples their true class, so that they can join the next data set version and train the next model.</source>
        <translation>Den erfassten Produktionsbildern ihre wahre Klasse geben, damit sie in die nächste Datensatzversion eingehen und das nächste Modell trainieren.</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>Überwachen</translation>
    </message>
    <message>
        <source>Watch the production model over time: its confidence, the classes it predicts, and how its inputs drift away from the training data.</source>
        <translation>Das Produktionsmodell über die Zeit beobachten: seine Sicherheit, die vorhergesagten Klassen und wie sich seine Eingaben von den Trainingsdaten entfernen.</translation>
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
        <source>Production</source>
        <translation>Produktion</translation>
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
        <source>No model versions yet.
Train a model on the Train page: it is registered here when training ends.</source>
        <translation>Noch keine Modellversionen.
Trainieren Sie ein Modell auf der Seite „Trainieren“: Es erscheint hier, wenn das Training endet.</translation>
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
    <name>mlwb::RunTableModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Val. accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test macro-F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlwb::SampleBrowser</name>
    <message>
        <source>Train and test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished">Trainieren</translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a data set version to browse its images,
or import one with Import… (Ctrl+I).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 of %L2 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; &amp;nbsp; image #%2 &amp;nbsp; (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlwb::SampleModel</name>
    <message>
        <source>#%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
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
    <name>mlwb::TrainPage</name>
    <message>
        <source>&amp;Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start training (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or resume the training (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the training; the run keeps its last checkpoint (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a data set and a model, then Start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check runs to draw their curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume selected run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A training is running; wait for it or cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a data set to train on (ingest one on the Data page first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is %2; only a stopped run can be resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no run %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 cancelled; it can be resumed from its last checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The training could not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused — Ctrl+P continues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a run to see its results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 · %2 · %3 on %4 · epochs %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · validation accuracy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · test macro-F1 %1 · model %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 finished in %2 s: test accuracy %3%, macro-F1 %4, model %5.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlwb::TrainSettingsPanel</name>
    <message>
        <source>%1 — %2 parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spec file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Constant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all cores (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> °</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data and model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data set:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished">&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;Validation fraction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Optimizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mo&amp;mentum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Weight decay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sc&amp;hedule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rotation (±):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Crop probability:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Noise σ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2 classes, %3×%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data set — ingest one on the Data page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (spec)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model spec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model specs (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlwb::TrainingPlots</name>
    <message>
        <source>Training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run %1 (raw)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
