<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ColorMap</name>
    <message>
        <source>viridis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inferno</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diverging</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartupOptions</name>
    <message>
        <source>Train, inspect, export and benchmark binarized Vision Transformers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the main window to the PNG &lt;file&gt; once it is shown, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open page &lt;n&gt;: 1 Data, 2 Model, 3 Train, 4 Inspect, 5 Export &amp; Benchmark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &lt;code&gt; (en or zh_CN) for this run without changing the saved setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the light or dark &lt;theme&gt; for this run without changing the saved setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--page expects a number from 1 to 5, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--language expects one of: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--theme expects light or dark, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a short demo session (a few hundred Fashion-MNIST images: data, model, training, inspection, export and benchmark), render every page to a PNG in &lt;folder&gt;, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run folder or checkpoint (.pt) to open in the Inspect page with its first test image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[run]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected at most one run folder or checkpoint, got %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::AboutDialog</name>
    <message>
        <source>About BinViT Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BinViT Studio trains, inspects, exports and benchmarks binarized Vision Transformers (GSB and BHViT). It shows what general-purpose tools do not: the attention of every layer and head, the float teacher next to the binary student, and the internals of binarization. Trained models export to a compact packed format that runs without LibTorch.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::CheckpointList</name>
    <message>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a checkpoint to inspect or export it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::DataPage</name>
    <message>
        <source>%1 x %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 items, %2 classes, %3 channel(s); image sizes: %4; mean %5, std %6 (from %7 decoded images); %8 unreadable images skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 image/mask pairs, %2 classes, ignore index %3; %4 unreadable pairs skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a dataset in any supported format. Its statistics, class counts and a thumbnail grid appear below; click a thumbnail to see it through the training transforms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a dataset, look at its statistics and preview the augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset&apos;s layout on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: the installed Fashion-MNIST (/usr/share/datasets/fashion-mnist)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset&apos;s folder (a file for the CSV list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the dataset&apos;s folder or file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which part of the dataset to look at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip unreadable images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out missing or undecodable images and report how many</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A seeded, stratified validation share of the training set; 0 evaluates on the test split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most this many training images, balanced over classes (0: all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most this many evaluation images (0: all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the dataset and use it for training (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click an image to preview its augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transforms the preview runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same image with new random draws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the CSV list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV or text lists (*.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the dataset folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening dataset %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview runs the classification transforms; open a classification dataset to see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 runs of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset opened yet: Open (Ctrl+O) reads the one chosen above.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::ExportPage</name>
    <message>
        <source>Export &amp; Benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the chosen checkpoint to the packed 1-bit format in one click: BinViT Studio then checks the packed engine against the training model bit for bit on real images and measures it side by side with LibTorch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to the packed 1-bit format, verify it and compare its speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a checkpoint (.pt) or a run folder; pick one on the Train page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to export: a checkpoint, or a run folder (its best checkpoint)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints (*.pt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The .bvit to write; the safetensors and LibTorch archive go next to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fashion-MNIST test images the engine and LibTorch both run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmark rounds; the systems alternate within every round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed forwards per system and round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also at 2 threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure at 1 and 2 threads (ratios at the same thread count)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export, verify and benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export, then verify, then benchmark (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON, CSV and PNG charts into a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint or run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packed model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>images; rounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing exported yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differing end to end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differing, same input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per binarized activation and binary product: values where the packed engine and LibTorch differ (0 is bit-exact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes on disk (MiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a checkpoint or run folder to export (the Train page&apos;s checkpoint list sets it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling after the current step...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binarized activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binary product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2 thread(s): %3x the engine&apos;s time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>images/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>.bvit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>float32
checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binary model
checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the report into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Verification on %2 images: %3 (differing bits %4, differing counts %5, layer by layer %6; logits max relative difference %7; %8). Benchmark: %9. Sizes: .bvit %10 MiB, %11x smaller than float32; binary linear weights %12x.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per-pixel argmax agreement %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-1 agreement %1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::HeatmapPlot</name>
    <message>
        <source>%1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% of the true class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>predicted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true class (per-class accuracy)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::InspectPage</name>
    <message>
        <source>Inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look inside a trained model: what every layer and head attends to, the binary maps GSB and BHViT build, and the float teacher next to the binary student.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binarization internals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See attention maps, binary masks and scales, teacher next to student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a checkpoint (.pt) or a run folder (student and teacher)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run folder loads its binary student and its float teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints (*.pt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item of the evaluation part of the dataset chosen on the Data page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open image...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.ppm *.pgm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which map: softmax probabilities, the quantized attention, its binary components, QD maps, or the rollout over all layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose attention row: the class token&apos;s, or the patch you click</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour map of the maps (the difference always uses the diverging map)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity of the map over the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep only the fewest patches holding this share of the row&apos;s attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a patch to see what it attends to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every layer and head; click one to enlarge it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mass mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary student: top-5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Float teacher: top-5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student - teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention scales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value scales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign flips since checkpoint...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many binarized weights changed sign from an earlier checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of +1 per binary layer (activations, weights)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latent weights of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a checkpoint or run folder first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Student: %1 (%2 attention layers, %3), from %4. Teacher: %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (a run folder with a teacher stage shows one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a model first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot inspect the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attention probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantized attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GSB base map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GSB M%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QD map %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rollout (all layers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>selected patch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1, head %2, %3, row of the %4%5; map %6 x %7 on the %8 x %8 input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>patch (%1, %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, smallest set holding %1 % of the mass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L%1 H%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% +1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latent weight (mean %1, std %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign flips since %1: %2 of %3 binarized weights (%4 %). %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No layer changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per layer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compare checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segmentation model: %1, from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot segment the image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::MainWindow</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BinViT Studio %1 started (Qt %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layout reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About BinViT Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language set to %1; it applies when BinViT Studio restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BinViT Studio will use %1 after you restart it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark theme applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light theme applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads set to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::MetricPlot</name>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom, double-click to fit all points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debiased exponential moving average, as in TensorBoard (0: raw points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic value axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plot as a PNG image at twice the screen resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every point (raw and smoothed) as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::ModelPage</name>
    <message>
        <source>Input %1. Totals: %2 parameters, %3 FLOPs, %4 BOPs, %5 OPs (FLOPs + BOPs/64; 8-bit layers counted at full FLOPs); %6 as float32, %7 packed (%8x smaller).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a model family and preset and edit its hyperparameters. The summary counts every layer the way the binary-network papers do: OPs = FLOPs + BOPs / 64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registered presets; &apos;demo&apos; is the small GSB model for Fashion-MNIST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GSB model fitted to Fashion-MNIST: 28 px grey, patch 7, width 96, 4 blocks (the built-in demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hyperparameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a value to edit it; the summary follows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BOPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OPs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Float32</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the summary table as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a GSB or BHViT model and see its per-layer cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid configuration; used for training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::RecipeEditor</name>
    <message>
        <source>GSB two-stage (teacher, stage 1, stage 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single model (float, baseline or any variant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BHViT (KD and weight-oscillation regulariser)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the run trains, stage by stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs of the float teacher (stage 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs of stage 1 (binary MLP weights)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs of stage 2 (the full GSB model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs of the single-model and BHViT recipes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate per 512 images of batch: lr = this x batch / 512</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear warmup, in epochs, before the cosine decay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per optimizer step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of initialisation, shuffling and augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps between the loss records of the curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop a stage after this many evaluations without a better top-1 (0: never)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>basic: padded crop and flip; gsb: RandAugment and random erasing as in the paper; none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GSB: (1 - w) CE(class head) + w CE(distillation head, teacher&apos;s argmax)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: train the teacher first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A trained teacher (checkpoint or safetensors) skips stage 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BHViT: the float teacher&apos;s architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of the KD term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight of the oscillation regulariser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soft KD (KL at the temperature) or hard labels from the teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KD temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The regulariser is on for this last share of the epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the released code (no CE, regulariser all along)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>teacher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stage 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stage 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>single</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LR per 512</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warmup epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Early-stop patience</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log every (steps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distillation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distillation weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BHViT loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teacher model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lambda (KD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>beta (regulariser)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regulariser phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate of every optimizer step, stage after stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid. About %1 training images, %2 steps an epoch; stages: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::RunCurves</name>
    <message>
        <source>Training loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distillation / KD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regulariser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debiased exponential moving average of the loss, as in TensorBoard (0: raw points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log loss axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic axis for the loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the three plots as one PNG image at twice the screen resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every point of the three plots (raw and smoothed) as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::RunsTable</name>
    <message>
        <source>running or interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder whose run folders are listed (the CLI writes to runs/)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-1 per stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a run to show its curves, confusion matrix and checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LR per 512</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::ScreenshotTour</name>
    <message>
        <source>the demo dataset could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo model is invalid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo training did not complete: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo training could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo run could not be loaded for inspection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the demo image could not be inspected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export, verification or benchmark failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the export could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>screenshots written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::SegmentationView</name>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IoU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground truth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a segmentation checkpoint or run, then run a sample (image and mask) or an image file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: mIoU %2, pixel accuracy %3 (this image, at the model&apos;s %4 x %4 input).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mask: an image file has no ground truth; dataset samples do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: prediction only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in the mask</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LibTorch intra-op threads for training, evaluation and inspection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies when BinViT Studio restarts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear recent lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset window layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent datasets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::TrainPage</name>
    <message>
        <source>Edit the recipe, then start it: training runs in the background with live curves. Pause, resume or stop at any batch; a stopped or killed run resumes from its last checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the training recipe, run it and follow live curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new run&apos;s folder name, under the runs folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the recipe in a new run folder (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause after the current batch, or resume (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the current batch and save a checkpoint (Ctrl+.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume run...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue an interrupted run from its last checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid recipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already holds a run; choose another name or resume it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1 ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training started in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run folder to resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current batch...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (stage %2/%3), epoch %4/%5, batch %6/%7, loss %8, %9 images/s, stage ends in %10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training completed:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped; Resume run... continues it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training stopped; the last checkpoint is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The confusion matrix of the latest evaluation; click a cell to see its images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True %1, predicted %2: %3 % of the true class.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True %1, predicted %2 (%3, best checkpoint)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
confidence %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No evaluation image falls in this cell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s); hover for the file and the confidence.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot list the images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::TrainingRunner</name>
    <message>
        <source>A training is already running; stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
