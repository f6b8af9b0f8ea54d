<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>StartupOptions</name>
    <message>
        <source>Train, inspect, export and benchmark binarized Vision Transformers.</source>
        <translation>训练、检查、导出二值化视觉 Transformer，并对其进行基准测试。</translation>
    </message>
    <message>
        <source>Render the main window to the PNG &lt;file&gt; once it is shown, then exit.</source>
        <translation>主窗口显示后将其渲染为 PNG 图像 &lt;文件&gt;，然后退出。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Open page &lt;n&gt;: 1 Data, 2 Model, 3 Train, 4 Inspect, 5 Export &amp; Benchmark.</source>
        <translation>打开第 &lt;n&gt; 页：1 数据，2 模型，3 训练，4 检查，5 导出与基准测试。</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Use &lt;code&gt; (en or zh_CN) for this run without changing the saved setting.</source>
        <translation>本次运行使用语言 &lt;代码&gt;（en 或 zh_CN），不更改已保存的设置。</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Use the light or dark &lt;theme&gt; for this run without changing the saved setting.</source>
        <translation>本次运行使用浅色或深色 &lt;主题&gt;（light 或 dark），不更改已保存的设置。</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>--page expects a number from 1 to 5, not &quot;%1&quot;.</source>
        <translation>--page 需要 1 到 5 之间的数字，而不是“%1”。</translation>
    </message>
    <message>
        <source>--language expects one of: %1.</source>
        <translation>--language 需要以下值之一：%1。</translation>
    </message>
    <message>
        <source>--theme expects light or dark, not &quot;%1&quot;.</source>
        <translation>--theme 需要 light 或 dark，而不是“%1”。</translation>
    </message>
</context>
<context>
    <name>binvit::ui::AboutDialog</name>
    <message>
        <source>About BinViT Studio</source>
        <translation>关于 BinViT Studio</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2</source>
        <translation>使用 Qt %1 构建，运行于 Qt %2</translation>
    </message>
    <message>
        <source>BinViT Studio trains, inspects, exports and benchmarks binarized Vision Transformers (GSB and BHViT). It shows what general-purpose tools do not: the attention of every layer and head, the float teacher next to the binary student, and the internals of binarization. Trained models export to a compact packed format that runs without LibTorch.</source>
        <translation>BinViT Studio 用于训练、检查、导出二值化视觉 Transformer（GSB 和 BHViT），并对其进行基准测试。它能展示通用工具所没有的内容：每一层、每个注意力头的注意力，浮点教师模型与二值学生模型的并排对比，以及二值化的内部细节。训练好的模型可导出为紧凑的打包格式，无需 LibTorch 即可运行。</translation>
    </message>
</context>
<context>
    <name>binvit::ui::DataPage</name>
    <message>
        <source>This page will import image datasets: folder-per-class trees, CSV lists of path and label, MNIST and Fashion-MNIST IDX files, CIFAR-10 and CIFAR-100 binaries, Oxford Flowers-102, Chaoyang, and image/mask pairs for segmentation. It will make a seeded, stratified validation split and show the class counts, a thumbnail grid and an augmentation preview that passes one image through the training transforms several times.</source>
        <translation>此页面将导入图像数据集：按类别分文件夹的目录树、包含路径和标签的 CSV 列表、MNIST 和 Fashion-MNIST 的 IDX 文件、CIFAR-10 和 CIFAR-100 二进制文件、Oxford Flowers-102、Chaoyang，以及用于分割任务的图像/掩码对。它将使用固定随机种子进行分层的验证集划分，并显示各类别的样本数、缩略图网格，以及数据增强预览（让同一张图像多次经过训练时的变换）。</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Import datasets, split them, and preview samples and augmentations</source>
        <translation>导入数据集、划分数据，并预览样本和数据增强</translation>
    </message>
</context>
<context>
    <name>binvit::ui::ExportPage</name>
    <message>
        <source>This page will export a trained model to the packed .bvit format in one click, verify the packed engine against the training model (bit-exact binary products, logit difference, top-1 agreement), and benchmark it side by side with float LibTorch: median and p90 latency, images per second, memory, size on disk and accuracy difference, with charts and a saved report.</source>
        <translation>此页面将一键把训练好的模型导出为打包的 .bvit 格式，用训练模型验证打包推理引擎（二值乘积逐位一致、logits 差异、top-1 一致率），并与浮点 LibTorch 并排进行基准测试：延迟中位数和 p90、每秒图像数、内存、磁盘占用以及准确率差异，附带图表和保存的报告。</translation>
    </message>
    <message>
        <source>Export &amp; Benchmark</source>
        <translation>导出与基准测试</translation>
    </message>
    <message>
        <source>Export to the packed format, verify it and benchmark it against the float model</source>
        <translation>导出为打包格式、进行验证，并与浮点模型进行基准对比</translation>
    </message>
</context>
<context>
    <name>binvit::ui::InspectPage</name>
    <message>
        <source>This page will look inside a trained binarized transformer: attention maps for every layer and head, class-token and per-patch views, attention rollout, the float teacher next to the binary student on the same image, the GSB components of attention and values, the learned scales, the share of +1 in binary weights and activations, and latent-weight histograms. It will also evaluate the model with top-1 and top-5 accuracy, a confusion matrix and a prediction grid, and show segmentation outputs as colour overlays.</source>
        <translation>此页面将深入查看训练好的二值化 Transformer：每一层、每个注意力头的注意力图，类别令牌视图与逐图像块视图，注意力展开（rollout），同一图像上浮点教师模型与二值学生模型的并排对比，注意力和值的 GSB 分量，学习到的缩放因子，二值权重和激活中 +1 所占的比例，以及潜在权重直方图。它还将用 top-1 和 top-5 准确率、混淆矩阵和预测网格评估模型，并以彩色叠加层显示分割结果。</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Look inside a binarized transformer: attention, binarization internals, evaluation</source>
        <translation>深入查看二值化 Transformer：注意力、二值化内部细节与评估</translation>
    </message>
</context>
<context>
    <name>binvit::ui::MainWindow</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>BinViT Studio %1 started (Qt %2)</source>
        <translation>BinViT Studio %1 已启动（Qt %2）</translation>
    </message>
    <message>
        <source>Layout reset</source>
        <translation>布局已重置</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About BinViT Studio</source>
        <translation>关于 BinViT Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Language set to %1; it applies when BinViT Studio restarts.</source>
        <translation>语言已设置为 %1，将在 BinViT Studio 重新启动后生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>BinViT Studio will use %1 after you restart it.</source>
        <translation>重新启动 BinViT Studio 后将使用 %1。</translation>
    </message>
    <message>
        <source>Dark theme applied</source>
        <translation>已应用深色主题</translation>
    </message>
    <message>
        <source>Light theme applied</source>
        <translation>已应用浅色主题</translation>
    </message>
</context>
<context>
    <name>binvit::ui::ModelPage</name>
    <message>
        <source>This page will let you pick a model family and preset (GSB and BHViT binary transformers, the binary DeiT baseline and the float DeiT teacher), edit its hyperparameters, and see a summary table per layer type: output shape, parameters, bit width, FLOPs, BOPs, OPs (FLOPs + BOPs/64) and bytes, with totals and the size of the packed model.</source>
        <translation>此页面将让您选择模型系列和预设（GSB 与 BHViT 二值 Transformer、二值 DeiT 基线和浮点 DeiT 教师模型），编辑其超参数，并按层类型查看汇总表：输出形状、参数量、位宽、FLOPs、BOPs、OPs（FLOPs + BOPs/64）和字节数，以及总计和打包后模型的大小。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Choose a model and preset, edit its hyperparameters and see its per-layer costs</source>
        <translation>选择模型和预设、编辑超参数，并查看逐层开销</translation>
    </message>
</context>
<context>
    <name>binvit::ui::TrainPage</name>
    <message>
        <source>This page will edit the training recipe (float teacher, stage 1, stage 2, or BHViT with knowledge distillation and its regulariser phase), preview the learning-rate schedule, and start, pause, resume and stop training. It will show progress with the time left, live loss, accuracy and learning-rate curves with the stage boundaries marked, the checkpoints of each stage, and a table that compares runs side by side.</source>
        <translation>此页面将编辑训练方案（浮点教师模型、第 1 阶段、第 2 阶段，或带知识蒸馏及其正则化阶段的 BHViT），预览学习率调度，并开始、暂停、继续和停止训练。它将显示进度和剩余时间，实时的损失、准确率和学习率曲线（标出各阶段的分界），每个阶段的检查点，以及并排比较多次运行的表格。</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Edit the training recipe, run it and follow live curves</source>
        <translation>编辑训练方案、运行训练并实时查看曲线</translation>
    </message>
</context>
</TS>
