"""Playground text: live training, the network drawn, data (own CSV included), export."""

EN = {
    "alt_chart": "Animation of the network learning over {steps} steps, with Play and a slider: "
                 "each unit's output as a small picture, the connections by weight, the output "
                 "over the input plane with the data points, and {losses}.",
    "alt_losses": "the training and test loss",
    "alt_loss": "the training loss",
    "title": "Playground",
    "intro": (
        "Build a small network, train it, and watch every unit learn: each hidden unit is "
        "drawn as a little picture of its output over the input plane, each connection's "
        "width and colour show its weight. Press Play to replay the training in your "
        "browser; +1 epoch and Continue train further; Reset goes back to the same starting "
        "weights."
    ),
    "intro_read": "Hover a unit to read its formula with the numbers filled in.",
    "intro_read_touch": "Tap a unit to read its formula with the numbers filled in.",
    "settings": "Data, network and training",
    "data_header": "Data",
    "data": "Data set",
    "data_xor": "XOR (2 classes)",
    "data_circles": "Circles (2 classes)",
    "data_moons": "Moons (2 classes)",
    "data_spiral": "Spiral (2 classes)",
    "data_gaussians": "Two blobs (2 classes)",
    "data_blobs": "Blobs (3 to 5 classes)",
    "data_pinwheel": "Pinwheel (3 to 5 classes)",
    "data_csv": "Your own CSV file",
    "data_help": (
        "Two-class sets train one output with the sigmoid and binary cross-entropy; the "
        "3-to-5-class sets train one output per class with softmax and cross-entropy."
    ),
    "classes": "Classes",
    "classes_help": (
        "How many classes Blobs and Pinwheel draw. The other sets have their own number "
        "(two, or your file's), so this is greyed out for them."
    ),
    "noise": "Noise",
    "noise_help": "Standard deviation of the random jitter added to every point.",
    "points": "Points",
    "test": "Test share",
    "test_help": (
        "Share of the points kept apart to test on (drawn as diamonds). The network never "
        "trains on them: when the test loss rises while the training loss falls, it "
        "overfits."
    ),
    "csv_upload": "CSV file (columns x1, x2, label)",
    "csv_help": (
        "At most 1 MB and {rows} rows; x1 and x2 plain numbers; 2 to 5 different labels "
        "(numbers or short names)."
    ),
    "csv_not_in_link": "An uploaded file stays in this session: it is not part of the link.",
    "csv_waiting": "Upload a CSV file to train on it; until then the circles are shown.",
    "csv_too_big": "The file is too large: at most 1 MB. Nothing was changed.",
    "csv_encoding": "The file is not UTF-8 text. Nothing was changed.",
    "csv_empty": "The file has no data rows. Nothing was changed.",
    "csv_columns": (
        "The first row must name the columns x1, x2 and label, once each. Nothing was changed."
    ),
    "csv_too_many_rows": "The file has {count} rows; at most {limit}. Nothing was changed.",
    "csv_short_row": "Row {row} has too few cells. Nothing was changed.",
    "csv_not_number": "Row {row}: a coordinate is not a plain number. Nothing was changed.",
    "csv_not_finite": "Row {row}: a coordinate is not a finite number. Nothing was changed.",
    "csv_bad_label": (
        "Row {row}: a label must be a number or a name of at most {limit} letters, digits, "
        "spaces, dots, dashes or underscores, starting with a letter or digit. Nothing was "
        "changed."
    ),
    "csv_one_class": "Every row has the same label: at least 2 are needed. Nothing was changed.",
    "csv_too_many_classes": "The file has {count} labels; at most {limit}. Nothing was changed.",
    "class_name": "Class {name}",
    "class_n": "Class {k}",
    "net_header": "Network",
    "features": "Input features",
    "features_help": (
        "What the network sees of a point. With x₁² and x₂² a network without hidden layers "
        "already separates the circles."
    ),
    "feat_x1": "x₁",
    "feat_x2": "x₂",
    "feat_x1_sq": "x₁²",
    "feat_x2_sq": "x₂²",
    "feat_x1x2": "x₁x₂",
    "feat_sin_x1": "sin x₁",
    "feat_sin_x2": "sin x₂",
    "no_features": "Pick at least one input feature; x₁ and x₂ are used for now.",
    "layers": "Hidden layers",
    "layers_help": (
        "0 is logistic regression (softmax regression for 3 to 5 classes): straight "
        "boundaries through the input features."
    ),
    "units": "Layer {layer}: units",
    "act": "Layer {layer}: activation",
    "train_header": "Training",
    "optimizer": "Optimizer",
    "auto_lr": "Suggested learning rate",
    "auto_lr_help": "A learning rate that trains these small networks well: {lr}.",
    "lr": "Learning rate",
    "batch": "Batch size",
    "batch_full": "All points (full batch)",
    "batch_help": (
        "Points per update. Full batch is deterministic; mini-batches are shuffled each pass "
        "over the data with the seed."
    ),
    "reg": "Regularisation",
    "reg_none": "None",
    "reg_l1": "L1",
    "reg_l2": "L2",
    "reg_help": (
        "Adds rate × Σ|w| (L1) or rate × Σw²/2 (L2) over the weights, not the biases, to the "
        "loss: smaller weights, a smoother boundary."
    ),
    "rate": "Regularisation rate",
    "steps": "Steps per run",
    "steps_help": "Updates trained at first and by each Continue.",
    "seed": "Seed",
    "seed_help": "Starting weights and batch order. The same seed always gives the same start.",
    "capped": "This network trains {steps} steps per run (of {asked}) to keep the page quick.",
    "step": "+1 epoch",
    "step_help": (
        "Train one more epoch: one pass over the {points} training points, which with the "
        "full batch is one update (one step)."
    ),
    "step_help_batches": (
        "Train one more epoch: as many updates as one pass over the {points} training "
        "points takes in mini-batches of {batch}: {updates} steps."
    ),
    "continue": "Continue",
    "continue_help": "Train {steps} more steps from where training stopped.",
    "reset": "Reset",
    "reset_help": "Back to the starting weights (the same seed gives the same start).",
    "training": "Training…",
    "trained": "Trained steps: {steps}",
    "fig_network": "Network",
    "fig_output": "Output",
    "fig_loss": "Loss",
    "fig_step": "step",
    "train_loss": "training loss",
    "test_loss": "test loss",
    "test_point": "{name} (test)",  # a test point's hover
    "test_points": "test points",  # the legend's one entry for them
    "bias": "bias",
    "diverged": (
        "Training diverged after {step} steps (a value became infinite); shown are the last "
        "finite weights. Try a smaller learning rate."
    ),
    "timed_out": "Training stopped after {step} steps ({seconds} s): the server is busy.",
    "m_train_loss": "Training loss",
    "m_train_acc": "Training accuracy",
    "m_test_loss": "Test loss",
    "m_test_acc": "Test accuracy",
    "opening": (
        "The pictures open at step {shown}; the numbers above are after step {steps}. Press "
        "Play, or drag the slider, to watch the training in between."
    ),
    # The caption under the chart: a sentence for the units, one for the output, one for
    # the losses, each as the settings draw them (pages/playground.py `_caption`).
    "cap_hidden": (
        "Orange means positive, blue negative: the inputs' pictures show each feature over "
        "the plane, the hidden units' pictures their outputs from −1 to 1, and the "
        "connections their weights (thicker is larger)."
    ),
    "cap_no_hidden": (
        "Orange means positive, blue negative. With no hidden layer the inputs connect "
        "straight to the output: the inputs' pictures show each feature over the plane, the "
        "connections their weights (thicker is larger)."
    ),
    "cap_out_binary": (
        "The output unit's picture shows p, the probability of {name}, from 0 (blue) to 1 "
        "(orange); the Output square colours the plane by the likelier class, paler where "
        "the network is less sure."
    ),
    "cap_out_multi": (
        "The {count} output units' pictures show the probabilities of {first} (top) to "
        "{last} (bottom), each from 0 (blue) to 1 (orange); the Output square colours the "
        "plane by the likeliest class, paler where the network is less sure."
    ),
    "cap_loss": "The loss is the mean {loss} on the training points{penalty}.",
    "cap_losses": "The losses are the mean {loss} on the training and the test points{penalty}.",
    "loss_bce": "binary cross-entropy",
    "loss_ce": "cross-entropy",
    "cap_penalty": ", without the {reg} penalty",
    "download_py": "PyTorch script (.py)",
    "download_py_help": "An nn.Sequential with the trained weights, ready to run.",
    "download_csv": "Data (.csv)",
}

KO = {
    "alt_chart": "신경망이 {steps}스텝 동안 학습하는 애니메이션, 재생 버튼과 슬라이더: 유닛마다 출력을 작은 그림으로, 연결선은 가중치로, 입력 평면 "
                 "위의 출력과 데이터 점, {losses}.",
    "alt_losses": "학습 손실과 테스트 손실",
    "alt_loss": "학습 손실",
    "title": "플레이그라운드",
    "intro": (
        "작은 신경망을 만들고 학습시키면서 모든 유닛이 배우는 모습을 지켜보세요. 각 은닉 유닛은 "
        "입력 평면 위의 출력을 작은 그림으로 보여 주고, 연결선의 굵기와 색은 가중치를 나타냅니다. "
        "재생을 누르면 브라우저에서 학습 과정을 다시 보여 주고, +1 에폭과 계속하기는 학습을 더 "
        "진행하며, 초기화는 같은 초기 가중치로 돌아갑니다."
    ),
    "intro_read": "유닛 위에 마우스를 올리면 숫자가 채워진 식을 볼 수 있습니다.",
    "intro_read_touch": "유닛을 누르면 숫자가 채워진 식을 볼 수 있습니다.",
    "settings": "데이터, 신경망, 학습",
    "data_header": "데이터",
    "data": "데이터셋",
    "data_xor": "XOR (2개 클래스)",
    "data_circles": "동심원 (2개 클래스)",
    "data_moons": "반달 (2개 클래스)",
    "data_spiral": "나선 (2개 클래스)",
    "data_gaussians": "두 덩어리 (2개 클래스)",
    "data_blobs": "덩어리 (3~5개 클래스)",
    "data_pinwheel": "바람개비 (3~5개 클래스)",
    "data_csv": "내 CSV 파일",
    "data_help": (
        "2개 클래스 데이터는 sigmoid와 이진 교차 엔트로피로 출력 하나를 학습하고, 3~5개 "
        "클래스 데이터는 softmax와 교차 엔트로피로 클래스마다 출력 하나를 학습합니다."
    ),
    "classes": "클래스 수",
    "classes_help": (
        "덩어리와 바람개비가 만드는 클래스 수입니다. 다른 데이터는 클래스 수가 정해져 있어 "
        "(2개, 또는 내 파일의 클래스 수) 여기서는 바꿀 수 없습니다."
    ),
    "noise": "잡음",
    "noise_help": "모든 점에 더하는 무작위 흔들림의 표준편차입니다.",
    "points": "점 개수",
    "test": "테스트 비율",
    "test_help": (
        "테스트용으로 따로 떼어 두는 점의 비율입니다(마름모로 표시). 신경망은 이 점으로 학습하지 "
        "않습니다. 학습 손실은 줄어드는데 테스트 손실이 늘어나면 과적합입니다."
    ),
    "csv_upload": "CSV 파일 (열: x1, x2, label)",
    "csv_help": (
        "최대 1 MB, {rows}행. x1과 x2는 일반 숫자, 서로 다른 레이블은 2~5개(숫자 또는 짧은 "
        "이름)."
    ),
    "csv_not_in_link": "올린 파일은 이 세션에만 남고 링크에는 포함되지 않습니다.",
    "csv_waiting": "CSV 파일을 올리면 그 데이터로 학습합니다. 그 전까지는 동심원 데이터를 보여 줍니다.",
    "csv_too_big": "파일이 너무 큽니다. 최대 1 MB입니다. 아무것도 바뀌지 않았습니다.",
    "csv_encoding": "파일이 UTF-8 텍스트가 아닙니다. 아무것도 바뀌지 않았습니다.",
    "csv_empty": "파일에 데이터 행이 없습니다. 아무것도 바뀌지 않았습니다.",
    "csv_columns": (
        "첫 행에 x1, x2, label 열 이름이 한 번씩 있어야 합니다. 아무것도 바뀌지 않았습니다."
    ),
    "csv_too_many_rows": "파일이 {count}행입니다. 최대 {limit}행입니다. 아무것도 바뀌지 않았습니다.",
    "csv_short_row": "{row}행의 칸 수가 모자랍니다. 아무것도 바뀌지 않았습니다.",
    "csv_not_number": "{row}행: 좌표가 일반 숫자가 아닙니다. 아무것도 바뀌지 않았습니다.",
    "csv_not_finite": "{row}행: 좌표가 유한한 숫자가 아닙니다. 아무것도 바뀌지 않았습니다.",
    "csv_bad_label": (
        "{row}행: 레이블은 숫자이거나, 글자나 숫자로 시작하고 글자·숫자·공백·점·대시·밑줄로 "
        "이루어진 {limit}자 이하의 이름이어야 합니다. 아무것도 바뀌지 않았습니다."
    ),
    "csv_one_class": "모든 행의 레이블이 같습니다. 2개 이상이 필요합니다. 아무것도 바뀌지 않았습니다.",
    "csv_too_many_classes": (
        "파일에 레이블이 {count}개 있습니다. 최대 {limit}개입니다. 아무것도 바뀌지 않았습니다."
    ),
    "class_name": "클래스 {name}",
    "class_n": "클래스 {k}",
    "net_header": "신경망",
    "features": "입력 특성",
    "features_help": (
        "신경망이 점에서 보는 값입니다. x₁²과 x₂²을 주면 은닉층이 없어도 동심원 데이터를 나눌 수 "
        "있습니다."
    ),
    "feat_x1": "x₁",
    "feat_x2": "x₂",
    "feat_x1_sq": "x₁²",
    "feat_x2_sq": "x₂²",
    "feat_x1x2": "x₁x₂",
    "feat_sin_x1": "sin x₁",
    "feat_sin_x2": "sin x₂",
    "no_features": "입력 특성을 하나 이상 고르세요. 지금은 x₁과 x₂를 씁니다.",
    "layers": "은닉층 수",
    "layers_help": (
        "0은 로지스틱 회귀(3~5개 클래스에서는 softmax 회귀)입니다. 입력 특성을 직선으로 "
        "나눕니다."
    ),
    "units": "{layer}층: 유닛 수",
    "act": "{layer}층: 활성화 함수",
    "train_header": "학습",
    "optimizer": "옵티마이저",
    "auto_lr": "추천 학습률",
    "auto_lr_help": "이런 작은 신경망을 잘 학습시키는 학습률: {lr}.",
    "lr": "학습률",
    "batch": "배치 크기",
    "batch_full": "모든 점 (전체 배치)",
    "batch_help": (
        "한 번 갱신에 쓰는 점의 수입니다. 전체 배치는 항상 같은 결과를 내고, 미니배치는 "
        "데이터를 한 바퀴 돌 때마다 시드로 섞습니다."
    ),
    "reg": "정규화",
    "reg_none": "없음",
    "reg_l1": "L1",
    "reg_l2": "L2",
    "reg_help": (
        "편향을 뺀 가중치에 대해 rate × Σ|w| (L1) 또는 rate × Σw²/2 (L2)를 손실에 더합니다. "
        "가중치가 작아지고 경계가 매끄러워집니다."
    ),
    "rate": "정규화 강도",
    "steps": "한 번에 학습할 스텝 수",
    "steps_help": "처음 학습과 계속하기 한 번에 진행하는 갱신 횟수입니다.",
    "seed": "시드",
    "seed_help": "초기 가중치와 배치 순서를 정합니다. 같은 시드는 언제나 같은 시작을 줍니다.",
    "capped": "페이지가 빠르게 반응하도록 이 신경망은 한 번에 {asked}스텝 중 {steps}스텝만 학습합니다.",
    "step": "+1 에폭",
    "step_help": (
        "한 에폭을 더 학습합니다. 학습 점 {points}개를 한 바퀴 도는 것으로, 전체 배치에서는 "
        "갱신 한 번(한 스텝)입니다."
    ),
    "step_help_batches": (
        "한 에폭을 더 학습합니다. 학습 점 {points}개를 {batch}개씩 미니배치로 한 바퀴 도는 만큼, "
        "{updates}번 갱신(스텝)합니다."
    ),
    "continue": "계속하기",
    "continue_help": "멈춘 곳에서 {steps}스텝을 더 학습합니다.",
    "reset": "초기화",
    "reset_help": "초기 가중치로 돌아갑니다(같은 시드는 같은 시작을 줍니다).",
    "training": "학습 중…",
    "trained": "학습한 스텝: {steps}",
    "fig_network": "신경망",
    "fig_output": "출력",
    "fig_loss": "손실",
    "fig_step": "스텝",
    "train_loss": "학습 손실",
    "test_loss": "테스트 손실",
    "test_point": "{name} (테스트)",
    "test_points": "테스트 점",
    "bias": "편향",
    "diverged": (
        "{step}스텝 후 학습이 발산했습니다(값이 무한대가 됨). 마지막 유한한 가중치를 보여 "
        "줍니다. 학습률을 줄여 보세요."
    ),
    "timed_out": "서버가 바빠 {step}스텝 후({seconds}초) 학습을 멈췄습니다.",
    "m_train_loss": "학습 손실",
    "m_train_acc": "학습 정확도",
    "m_test_loss": "테스트 손실",
    "m_test_acc": "테스트 정확도",
    "opening": (
        "그림은 {shown}스텝에서 시작하고, 위의 숫자는 {steps}스텝을 마친 뒤의 값입니다. "
        "재생을 누르거나 슬라이더를 끌어 그 사이의 학습을 보세요."
    ),
    "cap_hidden": (
        "주황은 양수, 파랑은 음수입니다. 입력 그림은 입력 평면 위의 각 특성을, 은닉 유닛 그림은 "
        "−1에서 1까지의 출력을, 연결선은 가중치를 보여 줍니다(굵을수록 큼)."
    ),
    "cap_no_hidden": (
        "주황은 양수, 파랑은 음수입니다. 은닉층이 없어 입력이 출력에 바로 연결됩니다. 입력 "
        "그림은 입력 평면 위의 각 특성을, 연결선은 가중치를 보여 줍니다(굵을수록 큼)."
    ),
    "cap_out_binary": (
        "출력 유닛 그림은 {name}일 확률 p를 0(파랑)에서 1(주황)까지 보여 주고, ‘출력’ 그림은 "
        "각 위치를 더 가능성 높은 클래스의 색으로 칠합니다(신경망이 덜 확신하는 곳일수록 옅게)."
    ),
    "cap_out_multi": (
        "출력 유닛 {count}개의 그림은 위에서부터 {first}부터 {last}까지 각 클래스일 확률을 "
        "0(파랑)에서 1(주황)까지 보여 주고, ‘출력’ 그림은 각 위치를 가장 가능성 높은 클래스의 "
        "색으로 칠합니다(신경망이 덜 확신하는 곳일수록 옅게)."
    ),
    "cap_loss": "손실은 학습 점에 대한 평균 {loss}입니다{penalty}.",
    "cap_losses": "손실은 학습 점과 테스트 점에 대한 평균 {loss}입니다{penalty}.",
    "loss_bce": "이진 교차 엔트로피",
    "loss_ce": "교차 엔트로피",
    "cap_penalty": "({reg} 정규화 항은 빼고)",
    "download_py": "PyTorch 스크립트 (.py)",
    "download_py_help": "학습한 가중치를 담은 nn.Sequential, 바로 실행할 수 있습니다.",
    "download_csv": "데이터 (.csv)",
}
