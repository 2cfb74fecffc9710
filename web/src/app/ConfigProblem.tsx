export function ConfigProblem({ message }: { message: string }) {
  return (
    <main id="main" className="page">
      <h1 className="page-heading">The shop is not set up</h1>
      <div className="error-state" role="alert">
        <p>{message}</p>
        <p>
          Start it with <code>pnpm start</code>, or build it with <code>VITE_GRAPHQL_URL</code>, <code>VITE_GRAPHQL_API_KEY</code> and{" "}
          <code>VITE_SHOP_MODE</code> set.
        </p>
      </div>
    </main>
  );
}
