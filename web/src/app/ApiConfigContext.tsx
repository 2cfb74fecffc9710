import { createContext, useContext } from "react";
import type { ApiConfig } from "./config";

export const ApiConfigContext = createContext<ApiConfig | undefined>(undefined);

export function useApiConfig(): ApiConfig {
  const config = useContext(ApiConfigContext);
  if (!config) throw new Error("useApiConfig needs an ApiConfigContext provider");
  return config;
}
