// Package internal keeps modules in go.mod until the packages that use them land.
package internal

import (
	_ "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	_ "github.com/aws/aws-sdk-go-v2/config"
	_ "github.com/aws/aws-sdk-go-v2/credentials"
	_ "github.com/aws/aws-sdk-go-v2/service/appfabric"
	_ "github.com/aws/aws-sdk-go-v2/service/quicksight"
	_ "github.com/aws/aws-sdk-go-v2/service/sts"
	_ "github.com/golang-jwt/jwt/v5"
	_ "github.com/google/uuid"
	_ "github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	_ "github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	_ "github.com/hashicorp/terraform-plugin-testing/echoprovider"
	_ "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	_ "github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	_ "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/apig/v2"
)
