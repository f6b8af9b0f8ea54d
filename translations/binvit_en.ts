<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
    <name>binvit::ui::DataPage</name>
    <message>
        <source>This page will import image datasets: folder-per-class trees, CSV lists of path and label, MNIST and Fashion-MNIST IDX files, CIFAR-10 and CIFAR-100 binaries, Oxford Flowers-102, Chaoyang, and image/mask pairs for segmentation. It will make a seeded, stratified validation split and show the class counts, a thumbnail grid and an augmentation preview that passes one image through the training transforms several times.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import datasets, split them, and preview samples and augmentations</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::ExportPage</name>
    <message>
        <source>This page will export a trained model to the packed .bvit format in one click, verify the packed engine against the training model (bit-exact binary products, logit difference, top-1 agreement), and benchmark it side by side with float LibTorch: median and p90 latency, images per second, memory, size on disk and accuracy difference, with charts and a saved report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp; Benchmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to the packed format, verify it and benchmark it against the float model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::InspectPage</name>
    <message>
        <source>This page will look inside a trained binarized transformer: attention maps for every layer and head, class-token and per-patch views, attention rollout, the float teacher next to the binary student on the same image, the GSB components of attention and values, the learned scales, the share of +1 in binary weights and activations, and latent-weight histograms. It will also evaluate the model with top-1 and top-5 accuracy, a confusion matrix and a prediction grid, and show segmentation outputs as colour overlays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look inside a binarized transformer: attention, binarization internals, evaluation</source>
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
</context>
<context>
    <name>binvit::ui::ModelPage</name>
    <message>
        <source>This page will let you pick a model family and preset (GSB and BHViT binary transformers, the binary DeiT baseline and the float DeiT teacher), edit its hyperparameters, and see a summary table per layer type: output shape, parameters, bit width, FLOPs, BOPs, OPs (FLOPs + BOPs/64) and bytes, with totals and the size of the packed model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model and preset, edit its hyperparameters and see its per-layer costs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>binvit::ui::TrainPage</name>
    <message>
        <source>This page will edit the training recipe (float teacher, stage 1, stage 2, or BHViT with knowledge distillation and its regulariser phase), preview the learning-rate schedule, and start, pause, resume and stop training. It will show progress with the time left, live loss, accuracy and learning-rate curves with the stage boundaries marked, the checkpoints of each stage, and a table that compares runs side by side.</source>
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
</context>
</TS>
