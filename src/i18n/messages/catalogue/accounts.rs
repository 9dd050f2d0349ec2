//! Accounts: users, their roles (grants), API tokens, passwords.

use super::{Entry, m};

pub(super) static ENTRIES: &[Entry] = &[
    // Signing in first.
    m(
        "accounts.sign_in_to_change_password",
        "Hãy đăng nhập để đổi mật khẩu.",
        "Sign in to change your password.",
    ),
    m(
        "accounts.sign_in_to_create_token",
        "Hãy đăng nhập để tạo khóa API.",
        "Sign in to create a token.",
    ),
    m(
        "accounts.sign_in_to_see_tokens",
        "Hãy đăng nhập để xem các khóa API của bạn.",
        "Sign in to see your tokens.",
    ),
    m(
        "accounts.sign_in_to_revoke_token",
        "Hãy đăng nhập để thu hồi khóa API.",
        "Sign in to revoke a token.",
    ),
    m(
        "accounts.sign_in_to_see_accounts",
        "Hãy đăng nhập để xem danh sách tài khoản.",
        "Sign in to see accounts.",
    ),
    // Too many tries.
    m(
        "accounts.too_many_sign_ins",
        "Đăng nhập sai quá nhiều lần; hãy thử lại sau {seconds} giây.",
        "Too many failed sign-ins; try again in {seconds} seconds.",
    ),
    m(
        "accounts.too_many_passwords",
        "Nhập sai mật khẩu quá nhiều lần; hãy thử lại sau {seconds} giây.",
        "Too many wrong passwords; try again in {seconds} seconds.",
    ),
    // Passwords and usernames.
    m(
        "accounts.password_length",
        "phải dài từ 8 đến 200 ký tự, đang có {got}.",
        "must be 8 to 200 characters, got {got}.",
    ),
    m(
        "accounts.username_format",
        "phải dài từ 2 đến 32 ký tự: chữ cái a-z, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.",
        "must be 2 to 32 characters: letters a-z, digits, dot, dash or underscore.",
    ),
    m(
        "accounts.password_via_session",
        "Mật khẩu chỉ đổi được trong phiên đăng nhập, không đổi bằng khóa API.",
        "A password is changed from a signed-in session, not with an API token.",
    ),
    m(
        "accounts.current_password_wrong",
        "mật khẩu hiện tại không đúng.",
        "the current password is wrong.",
    ),
    // Accounts and roles.
    m(
        "accounts.no_account_named",
        "không có tài khoản nào tên {name}.",
        "no account named {name}.",
    ),
    m(
        "accounts.no_user_named",
        "Không có người dùng nào tên {name}.",
        "No user named {name}.",
    ),
    m(
        "accounts.no_active_user",
        "Không có người dùng đang hoạt động nào mang số {id}.",
        "No active user with id {id}.",
    ),
    m(
        "accounts.may_not_grant",
        "Bạn không được cấp vai trò {role} trên {unit}.",
        "You may not grant {role} on {unit}.",
    ),
    m(
        "accounts.new_account_needs_role",
        "hãy cấp cho tài khoản mới ít nhất một vai trò trong phạm vi của bạn.",
        "give the new account at least one role in your area.",
    ),
    m(
        "accounts.username_taken",
        "Tên đăng nhập {username} đã có người dùng.",
        "The username {username} is taken.",
    ),
    m(
        "accounts.manage_forbidden",
        "Chỉ quản trị viên và cán bộ mới quản lý được tài khoản.",
        "Managing accounts is for admins and officers.",
    ),
    m(
        "accounts.outside_area",
        "Tài khoản {username} nằm ngoài phạm vi được giao cho bạn.",
        "The account {username} is outside your area.",
    ),
    m(
        "accounts.own_roles",
        "Bạn không được tự thay đổi vai trò của mình.",
        "You may not change your own roles.",
    ),
    m(
        "accounts.roles_stale",
        "Vai trò của {username} vừa được người khác thay đổi (bạn sửa phiên bản {yours}, nay là phiên bản {now}); hãy tải lại và sửa lại.",
        "The roles of {username} were changed by someone else (you edited version {yours}, it is now version {now}); reload and apply your change again.",
    ),
    m(
        "accounts.own_activation",
        "Bạn không được tự khóa hoặc mở lại tài khoản của mình.",
        "You may not deactivate or reactivate your own account.",
    ),
    // API tokens.
    m(
        "accounts.token_by_token",
        "Không tạo được khóa API bằng một khóa API; hãy đăng nhập để tạo.",
        "An API token cannot create tokens; sign in to create one.",
    ),
    m(
        "accounts.token_days",
        "khóa API có hiệu lực từ 1 đến {max} ngày, nhận được {value}.",
        "a token lasts 1 to {max} days, got {value}.",
    ),
    m(
        "accounts.all_tokens_admin",
        "Chỉ quản trị viên mới xem được khóa API của mọi tài khoản.",
        "Only admins list the tokens of every account.",
    ),
    m(
        "accounts.no_token",
        "Bạn không có khóa API đang hiệu lực nào mang số {id}.",
        "You have no active token with id {id}.",
    ),
    m(
        "accounts.grant_needs_unit",
        "vai trò {role} phải gắn với một đơn vị.",
        "a {role} grant needs a unit.",
    ),
    m(
        "accounts.grant_level",
        "vai trò {role} gắn với {levels}, không gắn với {level} {code}.",
        "a {role} grant sits on a {levels}, not on the {level} {code}.",
    ),
];
