// The baseline: a Lambda handler that does nothing, bundled and imported like the real ones.
export const handler = async () => ({});
