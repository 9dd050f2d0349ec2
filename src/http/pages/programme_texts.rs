//! The programme pages' texts (goals board, models registry), Vietnamese
//! first and English second, chosen by the page's language. Kept apart from
//! `i18n::Texts`, as the party handbook's are, so that they live with the
//! pages that use them.

use crate::domain::programme::{GoalState, GoalStatus, ModelField, ModelStatus};
use crate::i18n::Lang;

pub struct ProgrammeTexts {
    pub goals: &'static str,
    pub goals_title: &'static str,
    pub models: &'static str,
    pub models_title: &'static str,
    pub achieved_of: &'static str,
    pub overdue_count: &'static str,
    pub owner: &'static str,
    pub all_owners: &'static str,
    pub state: &'static str,
    pub all_states: &'static str,
    pub filter: &'static str,
    pub deadline: &'static str,
    pub linked: &'static str,
    pub history: &'static str,
    pub no_history: &'static str,
    pub evidence: &'static str,
    pub mark_status: &'static str,
    pub status: &'static str,
    pub day: &'static str,
    pub note: &'static str,
    pub evidence_url: &'static str,
    pub evidence_file: &'static str,
    pub save: &'static str,
    pub no_goals: &'static str,
    pub status_saved: &'static str,
    pub by: &'static str,
    pub synthetic: &'static str,
    pub deployed_count: &'static str,
    pub effective_count: &'static str,
    pub deployed_in: &'static str,
    pub not_deployed: &'static str,
    pub timeline: &'static str,
    pub indicators: &'static str,
    pub no_models: &'static str,
}

pub static VI: ProgrammeTexts = ProgrammeTexts {
    goals: "Mục tiêu CĐS",
    goals_title: "Mục tiêu chuyển đổi số",
    models: "Mô hình CĐS",
    models_title: "Mô hình chuyển đổi số",
    achieved_of: "mục tiêu đã đạt",
    overdue_count: "quá hạn",
    owner: "Đơn vị chủ trì",
    all_owners: "Tất cả đơn vị",
    state: "Tình trạng",
    all_states: "Tất cả",
    filter: "Lọc",
    deadline: "Hạn",
    linked: "Theo số liệu",
    history: "Lịch sử trạng thái",
    no_history: "Chưa có cập nhật trạng thái.",
    evidence: "Minh chứng",
    mark_status: "Cập nhật trạng thái",
    status: "Trạng thái",
    day: "Ngày",
    note: "Ghi chú, căn cứ",
    evidence_url: "Đường dẫn minh chứng",
    evidence_file: "Tệp minh chứng (PDF, ảnh, văn bản)",
    save: "Lưu",
    no_goals: "Chưa có mục tiêu nào cho kỳ kế hoạch của ngày này.",
    status_saved: "Đã cập nhật trạng thái mục tiêu",
    by: "bởi",
    synthetic: "dữ liệu mẫu",
    deployed_count: "mô hình đã triển khai",
    effective_count: "phát huy hiệu quả",
    deployed_in: "Triển khai tại",
    not_deployed: "Chưa triển khai",
    timeline: "Diễn biến",
    indicators: "Chỉ tiêu theo dõi",
    no_models: "Chưa có mô hình nào.",
};

pub static EN: ProgrammeTexts = ProgrammeTexts {
    goals: "DX goals",
    goals_title: "Digital transformation goals",
    models: "DX models",
    models_title: "Pilot digital transformation models",
    achieved_of: "goals achieved",
    overdue_count: "overdue",
    owner: "Owner",
    all_owners: "All owners",
    state: "State",
    all_states: "All",
    filter: "Filter",
    deadline: "Deadline",
    linked: "From the figures",
    history: "Status history",
    no_history: "No status recorded yet.",
    evidence: "Evidence",
    mark_status: "Update status",
    status: "Status",
    day: "Date",
    note: "Note, grounds",
    evidence_url: "Evidence link",
    evidence_file: "Evidence file (PDF, image, office document)",
    save: "Save",
    no_goals: "No goals for the plan period of this date.",
    status_saved: "Goal status updated",
    by: "by",
    synthetic: "sample data",
    deployed_count: "models deployed",
    effective_count: "effective",
    deployed_in: "Deployed in",
    not_deployed: "Not deployed yet",
    timeline: "Timeline",
    indicators: "Figures followed",
    no_models: "No models yet.",
};

pub fn texts(lang: Lang) -> &'static ProgrammeTexts {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

pub fn goal_state(lang: Lang, s: GoalState) -> &'static str {
    match (lang, s) {
        (Lang::Vi, GoalState::Achieved) => "Đã đạt",
        (Lang::Vi, GoalState::Overdue) => "Quá hạn",
        (Lang::Vi, GoalState::Open) => "Đang thực hiện",
        (Lang::En, GoalState::Achieved) => "Achieved",
        (Lang::En, GoalState::Overdue) => "Overdue",
        (Lang::En, GoalState::Open) => "In progress",
    }
}

pub fn goal_status(lang: Lang, s: GoalStatus) -> &'static str {
    match (lang, s) {
        (Lang::Vi, GoalStatus::Achieved) => "Đạt",
        (Lang::Vi, GoalStatus::NotAchieved) => "Chưa đạt",
        (Lang::En, GoalStatus::Achieved) => "Achieved",
        (Lang::En, GoalStatus::NotAchieved) => "Not achieved",
    }
}

pub fn model_status(lang: Lang, s: ModelStatus) -> &'static str {
    match (lang, s) {
        (Lang::Vi, ModelStatus::Planned) => "Dự kiến",
        (Lang::Vi, ModelStatus::Deployed) => "Đã triển khai",
        (Lang::Vi, ModelStatus::Effective) => "Phát huy hiệu quả",
        (Lang::Vi, ModelStatus::NotEffective) => "Chưa hiệu quả",
        (Lang::En, ModelStatus::Planned) => "Planned",
        (Lang::En, ModelStatus::Deployed) => "Deployed",
        (Lang::En, ModelStatus::Effective) => "Effective",
        (Lang::En, ModelStatus::NotEffective) => "Not effective",
    }
}

pub fn field(lang: Lang, f: ModelField) -> &'static str {
    match (lang, f) {
        (Lang::Vi, ModelField::Education) => "Giáo dục",
        (Lang::Vi, ModelField::Party) => "Xây dựng Đảng",
        (Lang::Vi, ModelField::Community) => "Cộng đồng",
        (Lang::Vi, ModelField::Health) => "Y tế",
        (Lang::Vi, ModelField::Agriculture) => "Nông nghiệp",
        (Lang::Vi, ModelField::Tourism) => "Du lịch",
        (Lang::Vi, ModelField::Government) => "Chính quyền số",
        (Lang::Vi, ModelField::Economy) => "Kinh tế số",
        (Lang::Vi, ModelField::Other) => "Khác",
        (Lang::En, ModelField::Education) => "Education",
        (Lang::En, ModelField::Party) => "Party building",
        (Lang::En, ModelField::Community) => "Community",
        (Lang::En, ModelField::Health) => "Health",
        (Lang::En, ModelField::Agriculture) => "Agriculture",
        (Lang::En, ModelField::Tourism) => "Tourism",
        (Lang::En, ModelField::Government) => "Digital government",
        (Lang::En, ModelField::Economy) => "Digital economy",
        (Lang::En, ModelField::Other) => "Other",
    }
}
