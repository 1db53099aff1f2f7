// The most a form post may carry: Next's own limit for server actions (past it Next answers a bare
// 500), kept for the login form's route too so every form refuses the same bodies the same way.
export const FORM_BODY_LIMIT = 1024 * 1024;
