// The content model: what one wiki page becomes. Plain data only (it is cached as JSON
// and sent between worker threads), so no classes and no functions here.
export {};
